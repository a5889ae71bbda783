using System.Text;
using Orchestrator.Guardian.Rails;
using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Pipeline;

/// <summary>
/// Builds what the input rail judges for a turn of a conversation (<see cref="InputContext"/>): the
/// follow-up's completed question, as retrieval and the router complete it, and the recent user-side
/// turns joined with this one, and those earlier turns one by one. The window is the user side of what an escalation sends the cloud
/// (its last six turns: three of the user's), so a request split across those turns is judged whole.
/// Bounded work for any history: only the last turns are read, each cut, the join capped.
/// </summary>
internal static class ConversationInput
{
    /// <summary>Earlier user-side turns joined with the current one: the cloud prompt's six history turns hold three.</summary>
    internal const int EarlierTurns = 3;

    /// <summary>
    /// The joined text's cap; older text goes first. The classifiers score longer texts higher (the
    /// injection head reads more n-grams), so the cap was chosen on the classifiers' training prompts
    /// paired into conversations: the longest cap at which a benign pair is flagged no more often than
    /// either of its turns alone (600: 1.4 % against 1.6 %; 800: 1.8 %). See docs/benchmarks.md.
    /// </summary>
    internal const int MaxConversationChars = 600;

    /// <summary>History turns looked at from the end, at most: a history of a million empty or assistant turns costs no more.</summary>
    internal const int MaxTurnsScanned = 64;

    /// <summary>The context of <paramref name="text"/> in <paramref name="history"/>; <see cref="InputContext.None"/> for a first turn.</summary>
    public static InputContext For(string text, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (history is null || history.Count == 0)
        {
            return InputContext.None;
        }

        var earlier = EarlierUserTurns(history);
        if (earlier.Count == 0)
        {
            return InputContext.None;
        }

        // The same rewrite retrieval and the router make (over the same last user turns), so the rail judges the question they act on.
        var recent = new List<ConversationTurn>(Math.Min(history.Count, MaxTurnsScanned));
        for (var i = Math.Max(0, history.Count - MaxTurnsScanned); i < history.Count; i++)
        {
            if (history[i] is { Role: not null, Text: not null } turn)
            {
                recent.Add(turn);
            }
        }

        var completed = FollowUpQueryRewriter.Rewrite(text, recent);
        return new InputContext(string.Equals(completed, text, StringComparison.Ordinal) ? null : completed, Join(earlier, text)) { EarlierTurns = earlier };
    }

    /// <summary>
    /// The last <see cref="EarlierTurns"/> turns not written by the assistant (the cloud prompt sends every
    /// other role as the user's), oldest first; turns with no letter or digit (empty, zero-width only) are skipped.
    /// </summary>
    private static List<string> EarlierUserTurns(IReadOnlyList<ConversationTurn> history)
    {
        var turns = new List<string>(EarlierTurns);
        for (var i = history.Count - 1; i >= 0 && i >= history.Count - MaxTurnsScanned && turns.Count < EarlierTurns; i--)
        {
            var turn = history[i];
            if (turn?.Role is null || turn.Role == ConversationTurn.Assistant || turn.Text is not { } said)
            {
                continue;
            }

            var cut = said.Length > MaxConversationChars ? said[^MaxConversationChars..] : said;
            if (cut.Any(char.IsLetterOrDigit))
            {
                turns.Add(cut.Trim());
            }
        }

        turns.Reverse();
        return turns;
    }

    private static string Join(List<string> earlier, string text)
    {
        var joined = new StringBuilder();
        foreach (var turn in earlier)
        {
            joined.Append(turn).Append('\n');
        }

        joined.Append(text.Trim());
        return joined.Length <= MaxConversationChars ? joined.ToString() : joined.ToString(joined.Length - MaxConversationChars, MaxConversationChars);
    }
}
