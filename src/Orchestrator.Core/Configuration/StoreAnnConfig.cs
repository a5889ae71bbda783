namespace Orchestrator.Configuration;

/// <summary>
/// <c>store.ann</c>: the SQLite store's approximate (HNSW) dense index, used for collections of at
/// least <see cref="MinChunks"/> chunks; smaller ones keep the exact scan.
/// </summary>
public sealed class StoreAnnConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>The smallest collection (in chunks) that gets an approximate index.</summary>
    public int MinChunks { get; init; } = 20_000;

    /// <summary>Candidates asked of the graph per query (its beam width), before the exact re-scoring.</summary>
    public int ExpansionSearch { get; init; } = 128;
}
