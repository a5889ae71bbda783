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
    IReadOnlyList<SourceScore> PerSource);
