namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>Leave-one-source-out figures: every row scored by a model that never saw its source.</summary>
public sealed record CrossValidationReport(
    int Rows,
    int Positives,
    int Sources,
    double Auc,
    double Threshold,
    double Recall,
    double FalsePositiveRate,
    IReadOnlyList<SourceScore> PerSource)
{
    /// <summary>With an embedding head: every setting tried, best first (the first is the one shipped).</summary>
    public IReadOnlyList<EmbeddingHeadCandidate>? EmbeddingHeadCandidates { get; init; }

    /// <summary>With an embedding head: the held-out AUC of the n-gram and cue head alone.</summary>
    public double? MainHeadAuc { get; init; }

    /// <summary>With calibration sources: the false-positive rate on their benign rows, which the threshold is set for.</summary>
    public double? CalibrationFalsePositiveRate { get; init; }

    /// <summary>
    /// Nested figures: every source family's rows judged by the threshold the same rule sets on the other
    /// families' held-out scores alone, so no family helps set the threshold it is judged by (what a new source meets).
    /// </summary>
    public NestedThresholdFigures? Nested { get; init; }

    /// <summary>
    /// The same nested figures under the per-family rule (<see cref="ClassifierTrainingOptions.PerFamilyThreshold"/>)
    /// whatever rule the model uses, so models trained under either rule can be compared at one operating rule.
    /// </summary>
    public NestedThresholdFigures? NestedPerFamilyRule { get; init; }

    /// <summary>Every training row's held-out score, in row order (experiments read it to compare threshold rules).</summary>
    internal IReadOnlyList<double>? HeldOutScores { get; init; }
}
