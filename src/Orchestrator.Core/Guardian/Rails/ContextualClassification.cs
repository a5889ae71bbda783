using System.Globalization;
using Orchestrator.Guardian.Classifiers;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// One classifier check of the input rail on what the model will act on: a follow-up is judged by its
/// completed question instead of the bare fragment ("and a P3?" alone sits near the harm threshold, but
/// nothing acts on it alone), and a turn that leans on earlier turns (a completed follow-up, or one that
/// points back or cannot stand alone: <see cref="TurnDependence"/>) also by the conversation's recent user
/// turns joined, so a request split across turns is seen whole; a turn that itself points back or cannot
/// stand alone, and is a short continuation (<see cref="MaxContinuationWords"/>), is also judged by the earlier
/// turns it leans on, each on its own: joining a harmful turn
/// with a short follow-up ("ok, step by step for the first one") dilutes it under the threshold. Those
/// are the previous user turn and, while the turn just judged leans too
/// ("do it" after "more"), the one before it, at most <see cref="MaxEarlierTurnsJudged"/>. A turn that
/// stands on its own is judged on itself only, so one flagged turn (a false flag too) does not flag the
/// ordinary questions after it. The worst verdict counts. The texts are classified concurrently, so their
/// encoder calls can share one batch. The detail names the text that decided (turn, completed question,
/// conversation or an earlier turn), never its words.
/// </summary>
internal static class ContextualClassification
{
    public const string TurnText = "the turn";
    public const string CompletedText = "the completed question";
    public const string ConversationText = "the conversation";
    public const string StandaloneTurnText = "the turn alone (it stands on its own)";
    public const string PreviousTurnText = "the previous user turn it leans on";

    /// <summary>Earlier user turns judged one by one at most: the conversation window holds three (<c>ConversationInput</c>), and each adds one classifier text.</summary>
    public const int MaxEarlierTurnsJudged = 3;

    /// <summary>Each earlier turn is judged on its last this many characters, as the conversation window cuts it.</summary>
    public const int MaxEarlierTurnChars = 600;

    /// <summary>
    /// Only a turn of at most this many words is judged by the earlier turns it leans on. A continuation that
    /// carries no request of its own is short ("do it", "ok, step by step for the first one": 1–8 words in the
    /// written split attacks and the tests); a longer message says what it wants itself and is judged on
    /// itself and the joined conversation. Without the cap, long prompts that merely contain "this" or "they"
    /// after a falsely flagged one inherited its flag (WildGuard benign pairs 17 → 36 flagged; their second
    /// prompts run 72–245 words, so any cap from 9 to 71 words gives the same figure there).
    /// </summary>
    public const int MaxContinuationWords = 12;

    public static async Task<GuardianCheckResult> JudgeAsync(GuardianClassifier classifier, string question, InputContext? context, CancellationToken cancellationToken)
    {
        if (context is null || context.IsEmpty)
        {
            return ClassifierCheck.ToResult(await classifier.ClassifyAsync(question, cancellationToken).ConfigureAwait(false));
        }

        var turnLeans = TurnDependence.LeansOnEarlierTurns(question);
        var leansBack = turnLeans || context.CompletedQuestion is not null;
        var texts = new List<(string Label, string Text)>
        {
            context.CompletedQuestion is { } completed ? (CompletedText, completed) : (leansBack || context.Conversation is null ? TurnText : StandaloneTurnText, question),
        };
        if (leansBack && context.Conversation is { } conversation)
        {
            texts.Add((ConversationText, conversation));
        }

        // Only a turn that itself reads as leaning: the completer also rewrites some self-contained questions
        // ("Who handles payroll questions?" after a harmful turn), and those must not inherit the earlier verdict.
        if (turnLeans && IsContinuation(question))
        {
            texts.AddRange(LeanedOnTurns(context.EarlierTurns ?? []));
        }

        var verdicts = await Task.WhenAll(texts.Select(t => classifier.ClassifyAsync(t.Text, cancellationToken))).ConfigureAwait(false);
        var worst = 0;
        for (var i = 1; i < verdicts.Length; i++)
        {
            worst = verdicts[i].Probability > verdicts[worst].Probability ? i : worst;
        }

        var result = ClassifierCheck.ToResult(verdicts[worst]);
        var others = string.Join(", ", texts.Select((t, i) => (t.Label, Verdict: verdicts[i], Index: i)).Where(x => x.Index != worst)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Label} {x.Verdict.Probability:0.###}")));
        return result with { Detail = $"{result.Detail}; judged on {texts[worst].Label}" + (others.Length > 0 ? $" (also {others})" : "") };
    }

    /// <summary>
    /// The earlier user turns a leaning turn leans on, newest first: the previous one, and further back
    /// only while the turn just taken leans as well (a chain of "more", "do it" ends at the request it
    /// continues). Bounded in count and length.
    /// </summary>
    private static IEnumerable<(string Label, string Text)> LeanedOnTurns(IReadOnlyList<string> earlier)
    {
        for (var back = 1; back <= Math.Min(earlier.Count, MaxEarlierTurnsJudged); back++)
        {
            var turn = earlier[^back];
            if (string.IsNullOrWhiteSpace(turn))
            {
                continue;
            }

            var cut = turn.Length > MaxEarlierTurnChars ? turn[^MaxEarlierTurnChars..] : turn;
            yield return (back == 1 ? PreviousTurnText : string.Create(CultureInfo.InvariantCulture, $"the user turn {back} back it leans on"), cut);
            if (!TurnDependence.LeansOnEarlierTurns(cut) || !IsContinuation(cut))
            {
                yield break;
            }
        }
    }

    /// <summary>A leaning turn short enough to carry no request of its own (<see cref="MaxContinuationWords"/>).</summary>
    private static bool IsContinuation(string turn) =>
        turn.Split((char[]?)null, MaxContinuationWords + 2, StringSplitOptions.RemoveEmptyEntries).Length <= MaxContinuationWords;
}
