using Orchestrator.Configuration;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// When and how <see cref="SqliteVectorStore"/> answers the dense half of a search from an HNSW graph
/// (USearch, inner product) instead of its exact scan. Candidates from the graph are re-scored
/// exactly, so scores stay the exact dot products; only which rows are found is approximate.
/// </summary>
public sealed record AnnIndexOptions
{
    /// <summary>The largest accepted <see cref="ExpansionSearch"/>.</summary>
    public const int MaxExpansionSearch = 4096;

    /// <summary>The defaults of <c>store.ann</c>: on for collections of 20,000 chunks or more.</summary>
    public static AnnIndexOptions Default { get; } = new();

    /// <summary>Off: every collection uses the exact scan.</summary>
    public static AnnIndexOptions Off { get; } = new() { Enabled = false };

    public bool Enabled { get; init; } = true;

    /// <summary>The smallest collection (in chunks) that gets a graph; smaller ones keep the exact scan.</summary>
    public int MinChunks { get; init; } = 20_000;

    /// <summary>
    /// Candidates asked of the graph per query, which is also its beam width (USearch widens the beam to
    /// the number asked). At least the dense candidate count of the search, and at least 64 (the
    /// library's own beam) take effect.
    /// </summary>
    public int ExpansionSearch { get; init; } = 128;

    /// <summary>Builds and loads the graph on the searching thread instead of in the background (tests, benchmarks).</summary>
    internal bool BuildInline { get; init; }

    /// <summary>Stands in for the native library's constructor in tests (for instance one that throws <see cref="DllNotFoundException"/>).</summary>
    internal Func<int, Cloud.Unum.USearch.USearchIndex>? NewNativeIndex { get; init; }

    /// <summary>The options of a parsed <c>store.ann</c> section.</summary>
    public static AnnIndexOptions FromConfig(StoreAnnConfig ann)
    {
        ArgumentNullException.ThrowIfNull(ann);
        return new AnnIndexOptions { Enabled = ann.Enabled, MinChunks = ann.MinChunks, ExpansionSearch = ann.ExpansionSearch };
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinChunks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpansionSearch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ExpansionSearch, MaxExpansionSearch);
    }
}
