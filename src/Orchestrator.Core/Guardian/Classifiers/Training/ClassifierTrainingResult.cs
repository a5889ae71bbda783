namespace Orchestrator.Guardian.Classifiers.Training;

public sealed record ClassifierTrainingResult(ClassifierModel Model, CrossValidationReport? CrossValidation, double TrainSeconds);
