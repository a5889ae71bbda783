namespace Orchestrator.Cli.Evaluation;

/// <summary>One dataset row: an utterance and its intent label (<see cref="OutOfScopeLabel"/> for none).</summary>
public sealed record LabeledUtterance(string Text, string Label)
{
    /// <summary>The label CLINC150 and the jsonl format use for out-of-scope utterances.</summary>
    public const string OutOfScopeLabel = "oos";

    public bool IsOutOfScope => string.Equals(Label, OutOfScopeLabel, StringComparison.OrdinalIgnoreCase);
}

public enum RoutingDatasetFormat
{
    Clinc150,
    Banking77,
    Jsonl,
}

/// <summary>Which part of a file to read; only CLINC150 files hold both in one file.</summary>
public enum RoutingDatasetPart
{
    Train,
    Test,
}
