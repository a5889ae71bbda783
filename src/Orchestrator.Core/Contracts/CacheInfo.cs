using System.Text.Json.Serialization;

namespace Orchestrator;

/// <summary>
/// Whether the answer came from the answer cache (present only when <c>cache: { enabled: true }</c>).
/// A hit repeats an earlier verified answer to the same or a nearly identical question; route,
/// citations and guardian verdict are the stored ones, timings are this request's.
/// </summary>
public sealed record CacheInfo
{
    public bool Hit { get; init; }

    /// <summary>"exact" (same text) or "similar" (query vectors at or above the configured similarity); null on a miss.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Match { get; init; }

    /// <summary>Cosine similarity to the stored question (1 for an exact hit); null on a miss.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Similarity { get; init; }
}
