namespace Orchestrator.Guardian.Classifiers.Training;

public sealed record ClassifierTrainingOptions
{
    /// <summary>"injection" or "harm": the model's task name.</summary>
    public required string Task { get; init; }

    /// <summary>The benign false-positive rate the threshold is set for, on held-out sources.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.03;

    public int HashBits { get; init; } = 15;

    public int Epochs { get; init; } = 12;

    public double LearningRate { get; init; } = 0.2;

    public double L2 { get; init; } = 1e-5;

    public int Seed { get; init; } = 17;

    /// <summary>Skip the leave-one-source-out folds (tests on tiny data); the threshold is then 0.5.</summary>
    public bool CrossValidate { get; init; } = true;

    /// <summary>The document-instruction rule's floor written into the model (<see cref="ClassifierModel.DocumentInstructionFloor"/>); null trains without it.</summary>
    public double? DocumentInstructionFloor { get; init; }

    /// <summary>Weigh every source the same inside its class (1/n per row) instead of 1/√n, so no source dominates the head.</summary>
    public bool EqualSourceWeights { get; init; }

    /// <summary>The encoder's name, or "none" to train on n-grams and cues alone.</summary>
    public string Encoder { get; init; } = "all-MiniLM-L6-v2";

    public bool UsesEncoder => !string.Equals(Encoder, "none", StringComparison.Ordinal);
}
