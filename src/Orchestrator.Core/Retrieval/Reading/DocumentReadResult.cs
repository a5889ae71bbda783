namespace Orchestrator.Retrieval.Reading;

/// <summary>Either the blocks of a readable document or the reason it was skipped.</summary>
public sealed record DocumentReadResult
{
    public IReadOnlyList<DocumentBlock> Blocks { get; init; } = [];

    public string? SkipReason { get; init; }

    public bool Skipped => SkipReason is not null;

    public static DocumentReadResult Skip(string reason) => new() { SkipReason = reason };
}
