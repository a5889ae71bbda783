namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>How one held-out source scored at the calibrated threshold (recall for positives, false-positive rate for benign rows).</summary>
public sealed record SourceScore(string Source, int Rows, int Positives, double? Recall, double? FalsePositiveRate);
