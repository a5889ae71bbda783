using System.Text.Json.Serialization;

namespace Orchestrator;

/// <summary>A retrieved chunk with its citation data. Scores are fused ranking scores (higher is better).</summary>
public sealed record Passage
{
    public required string ChunkId { get; init; }

    public required string Text { get; init; }

    /// <summary>Source file, relative to the ingest root where possible, e.g. knowledge/leave-policy.md.</summary>
    public required string Source { get; init; }

    /// <summary>Where in the source: heading path, page number or paragraph index.</summary>
    public required string Locator { get; init; }

    public double Score { get; init; }

    /// <summary>
    /// The chunk's sentences with the vectors stored for them at ingest, when the store keeps them;
    /// the guardian's groundedness and relevance checks compare against these instead of embedding
    /// the passage again. Not part of the JSON contract.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<SentenceVector>? SentenceVectors { get; init; }
}
