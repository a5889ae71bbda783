using System.Text.RegularExpressions;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval.QueryRewriting;

/// <summary>
/// Rewrites an elliptical follow-up into a self-contained search query, without a model.
/// "and in Paris?" after "What's the maximum hotel price per night in London?" searches for
/// "What's the maximum hotel price per night in Paris?": the topic comes from the previous user
/// turn and the new slot from the follow-up. A follow-up that stands on its own is left alone,
/// so a new question in the same conversation is searched as asked.
/// </summary>
public static partial class FollowUpQueryRewriter
{
    /// <summary>A message with at most this many content words cannot carry its own topic.</summary>
    private const int MaxEllipticalTerms = 2;

    /// <summary>With a pronoun pointing back ("is it paid?"), a message this short still leans on the previous turn.</summary>
    private const int MaxAnaphoricTerms = 4;

    /// <summary>A previous "turn" longer than this is a pasted document, not a question to continue.</summary>
    private const int MaxPreviousChars = 1_000;

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "for", "at", "on", "to", "from", "with", "during", "after", "before", "by", "within", "outside", "inside", "under", "over",
    };

    /// <summary>The query to search with: <paramref name="message"/> itself, or a rewrite that carries the previous user turn's topic.</summary>
    public static string Rewrite(string message, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(history);
        var previous = history.LastOrDefault(t => t.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(t.Text))?.Text.Trim();
        if (previous is null || previous.Length > MaxPreviousChars || !IsFollowUp(message))
        {
            return message;
        }

        var slot = ContinuationLead().Replace(message.Trim(), "").Trim().TrimEnd('?', '.', '!', ' ');
        if (slot.Length == 0)
        {
            return previous;
        }

        return ReplaceSlot(previous, slot) ?? ReplaceEntity(previous, slot) ?? $"{previous.TrimEnd('?', '.', '!', ' ')} {slot}?";
    }

    /// <summary>Does the message lean on the previous turn: a continuation lead, or too few content words of its own?</summary>
    public static bool IsFollowUp(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var trimmed = message.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        var terms = FtsQuery.Terms(trimmed).Count;
        if (ContinuationLead().IsMatch(trimmed))
        {
            return terms <= MaxAnaphoricTerms;
        }

        return terms <= MaxEllipticalTerms || (terms <= MaxAnaphoricTerms && Anaphora().IsMatch(trimmed));
    }

    /// <summary>"in Paris" replaces the previous turn's "in London"; null when the previous turn has no phrase of that kind.</summary>
    private static string? ReplaceSlot(string previous, string slot)
    {
        var words = slot.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !Prepositions.Contains(words[0]))
        {
            return null;
        }

        var phrase = new Regex(@"\b" + Regex.Escape(words[0]) + @"\s+[^,.;:!?]+", RegexOptions.IgnoreCase | RegexOptions.RightToLeft, TimeSpan.FromMilliseconds(100));
        Match match;
        try
        {
            match = phrase.Match(previous);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        return match.Success ? previous[..match.Index] + slot + previous[(match.Index + match.Length)..] : null;
    }

    /// <summary>"Lisbon" or "a P3" replaces the previous turn's last name-like run ("Amsterdam", "P1"); null when either has none.</summary>
    private static string? ReplaceEntity(string previous, string slot)
    {
        var entity = Article().Replace(slot, "");
        var words = entity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || !words.All(IsNameLike))
        {
            return null;
        }

        Match? last = null;
        foreach (Match m in NameRun().Matches(previous))
        {
            if (m.Index > 0 && m.Value != "I")
            {
                last = m;
            }
        }

        return last is null ? null : previous[..last.Index] + entity + previous[(last.Index + last.Length)..];
    }

    private static bool IsNameLike(string word) => word.Any(char.IsUpper) && word != "I";

    [GeneratedRegex(@"^(?:a|an|the)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    [GeneratedRegex(@"\b[\p{Lu}][\p{L}\p{N}-]*(?:\s+[\p{Lu}][\p{L}\p{N}-]*)*")]
    private static partial Regex NameRun();

    [GeneratedRegex(@"^(?:(?:and|but|also|so|then)\b[,\s]*(?:(?:what|how)\s+about\b)?|(?:what|how)\s+about\b|what\s+if\b|same\s+for\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuationLead();

    [GeneratedRegex(@"\b(it|its|that|this|those|these|they|them|there|then|one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Anaphora();
}
