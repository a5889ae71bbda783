namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>One labelled text. <paramref name="Source"/> is the folding unit of the cross-validation: a whole source is held out at a time.</summary>
public sealed record TrainingRow(string Text, int Label, string Source);
