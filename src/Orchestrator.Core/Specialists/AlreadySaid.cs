using System.Text.RegularExpressions;
using Orchestrator.TextUnits;

namespace Orchestrator.Specialists;

/// <summary>
/// The assistant's previous answer in a conversation, normalised so a document sentence it quoted
/// can be recognised (citation markers, case and spacing aside). The text comes from the client and
/// is untrusted: it is only ever used to leave sentences out, never added to an answer or a query.
/// </summary>
internal sealed partial class AlreadySaid
{
    /// <summary>A longer assistant turn is cut: an answer is a few sentences, and the cost must stay bounded.</summary>
    private const int MaxChars = 20_000;

    /// <summary>Sentences shorter than this ("Yes.") are too common to count as already said.</summary>
    private const int MinSentenceChars = 20;

    private readonly string _text;

    private AlreadySaid(string text) => _text = text;

    /// <summary>The assistant turn that follows the last user turn of <paramref name="history"/>; null when there is none.</summary>
    public static AlreadySaid? From(IReadOnlyList<ConversationTurn> history)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var turn = history[i];
            if (turn.Role == ConversationTurn.User)
            {
                return null;
            }

            if (turn.Role == ConversationTurn.Assistant && !string.IsNullOrWhiteSpace(turn.Text))
            {
                var text = turn.Text.Length > MaxChars ? turn.Text[..MaxChars] : turn.Text;
                return new AlreadySaid(Normalize(text));
            }
        }

        return null;
    }

    public bool Contains(string sentence)
    {
        var normalized = Normalize(sentence);
        return normalized.Length >= MinSentenceChars && _text.Contains(normalized, StringComparison.Ordinal);
    }

    private static string Normalize(string text) =>
        Spaces().Replace(SentenceText.StripCitations(text), " ").Trim().TrimEnd('.', '!', '?', ';', ':').ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
