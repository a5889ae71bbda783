using System.Globalization;
using Orchestrator.Guardian.Classifiers;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// One classifier check of the input rail on what the model will act on: a follow-up is judged by its
/// completed question instead of the bare fragment ("and a P3?" alone sits near the harm threshold, but
/// nothing acts on it alone), and a turn that leans on earlier turns (a completed follow-up, or one that
/// points back or cannot stand alone: <see cref="TurnDependence"/>) also by the conversation's recent user
/// turns joined, so a request split across turns is seen whole. A turn that stands on its own is judged on
/// itself only, so one flagged turn (a false flag too) does not flag the ordinary questions after it. The
/// worst verdict counts. The texts are
/// classified concurrently, so their encoder calls can share one batch. The detail names the text
/// that decided (turn, completed question or conversation), never its words.
/// </summary>
internal static class ContextualClassification
{
    public const string TurnText = "the turn";
    public const string CompletedText = "the completed question";
    public const string ConversationText = "the conversation";
    public const string StandaloneTurnText = "the turn alone (it stands on its own)";

    public static async Task<GuardianCheckResult> JudgeAsync(GuardianClassifier classifier, string question, InputContext? context, CancellationToken cancellationToken)
    {
        if (context is null || context.IsEmpty)
        {
            return ClassifierCheck.ToResult(await classifier.ClassifyAsync(question, cancellationToken).ConfigureAwait(false));
        }

        var leansBack = context.CompletedQuestion is not null || TurnDependence.LeansOnEarlierTurns(question);
        var texts = new List<(string Label, string Text)>
        {
            context.CompletedQuestion is { } completed ? (CompletedText, completed) : (leansBack || context.Conversation is null ? TurnText : StandaloneTurnText, question),
        };
        if (leansBack && context.Conversation is { } conversation)
        {
            texts.Add((ConversationText, conversation));
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
}
