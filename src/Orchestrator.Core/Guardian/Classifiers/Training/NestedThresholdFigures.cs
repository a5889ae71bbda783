namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Leave-one-source-out figures with nested thresholds: each source family's held-out rows are judged by
/// the threshold set, by the model's own rule, without that family's rows.
/// </summary>
/// <param name="Recall">Positive rows at or above their nested threshold, over all positive rows.</param>
/// <param name="FalsePositiveRate">Benign rows at or above their nested threshold, over all benign rows.</param>
/// <param name="CalibrationFalsePositiveRate">The same over the calibration families' benign rows (for harm: the safe prompts that look unsafe), or null without calibration families.</param>
/// <param name="WorstFamily">The benign family with the highest nested false-positive rate.</param>
/// <param name="WorstFamilyFalsePositiveRate">That family's rate.</param>
public sealed record NestedThresholdFigures(double Recall, double FalsePositiveRate, double? CalibrationFalsePositiveRate, string WorstFamily, double WorstFamilyFalsePositiveRate);
