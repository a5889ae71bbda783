using System.Text.Json.Serialization;

namespace Orchestrator.Retrieval.Storage;

/// <summary>The <c>.hnsw.json</c> file beside a persisted graph: what it was built from, and its own checksum.</summary>
internal sealed record AnnIndexMetadata
{
    [JsonPropertyName("format")]
    public int Format { get; init; }

    [JsonPropertyName("generation")]
    public long Generation { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; }

    [JsonPropertyName("dimensions")]
    public int Dimensions { get; init; }

    [JsonPropertyName("content_sha256")]
    public string ContentSha256 { get; init; } = "";

    [JsonPropertyName("graph_bytes")]
    public long GraphBytes { get; init; }

    [JsonPropertyName("graph_sha256")]
    public string GraphSha256 { get; init; } = "";
}
