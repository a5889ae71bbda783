namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// One embedding-head setting tried in leave-one-source-out cross-validation: its L2, whether every
/// source weighed the same, the blend with the n-gram head, and the held-out AUC and recall at the
/// target false-positive rate of the blended score. Settings are ranked by <see cref="OperatingRecall"/>, then AUC.
/// </summary>
public sealed record EmbeddingHeadCandidate(double L2, bool EqualSourceWeights, double Blend, double Auc, double Recall)
{
    /// <summary>Mean held-out recall at half, once and twice the target false-positive rate.</summary>
    public double OperatingRecall { get; init; }
}
