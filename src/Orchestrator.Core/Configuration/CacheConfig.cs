namespace Orchestrator.Configuration;

/// <summary>
/// <c>cache:</c> — the answer cache for repeated questions (off unless <c>enabled: true</c>). Only
/// retrieval answers that passed the guardian without escalation are stored, per tenant, agent and
/// collection; see the README's "Answer cache".
/// </summary>
public sealed record CacheConfig
{
    /// <summary>Calibrated on XQuAD same-paragraph question pairs (docs/benchmarks.md, "Answer cache").</summary>
    public const double DefaultSimilarity = 0.95;

    public bool Enabled { get; init; }

    /// <summary>Cosine similarity of the query vectors at or above which a different wording counts as the same question; above 1 disables near-duplicates.</summary>
    public double Similarity { get; init; } = DefaultSimilarity;

    /// <summary>
    /// <see cref="CacheStores.Memory"/> or <see cref="CacheStores.Redis"/> (shared by replicas). When
    /// <c>cache.store</c> is not written, the loader picks redis if <c>state.provider</c> is redis.
    /// </summary>
    public string Store { get; init; } = CacheStores.Memory;

    /// <summary>Entries kept in memory at most (oldest first out); on Redis, at most this many per scope (tenant, agent, collection contents).</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>How long an entry lives.</summary>
    public int TtlSeconds { get; init; } = 3600;

    /// <summary>How often a collection's contents are re-read to notice a re-ingest (by another process too).</summary>
    public int RevalidateSeconds { get; init; } = 5;
}
