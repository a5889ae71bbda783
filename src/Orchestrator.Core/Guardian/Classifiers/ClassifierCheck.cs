using System.Globalization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// A classifier as a guardian check on the answer (output rail, or an agent's <c>guardian:</c>
/// list): <c>harm</c> flags harmful answers, <c>injection</c> answers that carry instructions.
/// Score is 1 − probability, so higher is safer like the other checks.
/// </summary>
public sealed class ClassifierCheck : IGuardianCheck
{
    private readonly GuardianClassifier _classifier;

    public ClassifierCheck(GuardianClassifier classifier) => _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));

    public string Name => _classifier.Task;

    public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verdict = await _classifier.ClassifyAsync(context.Answer, cancellationToken).ConfigureAwait(false);
        return ToResult(verdict);
    }

    /// <summary>The check result for a verdict, shared with the input and retrieval rails.</summary>
    public static GuardianCheckResult ToResult(ClassifierVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{verdict.Task} probability {verdict.Probability:0.###} (threshold {verdict.Threshold:0.###})")
            + (verdict.HiddenCharacters > 0 ? $"; {verdict.HiddenCharacters} hidden characters removed" : "")
            + (verdict.DecodedRuns > 0 ? $"; {verdict.DecodedRuns} base64 runs decoded" : "")
            + (verdict.Truncated ? "; long text, head and tail inspected" : "");
        return new GuardianCheckResult(verdict.Task, !verdict.Flagged, Math.Round(1 - verdict.Probability, 4), detail);
    }
}
