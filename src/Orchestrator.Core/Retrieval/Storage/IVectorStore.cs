namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Where chunks and their vectors live. The retrieval specialist and the ingestor only see this
/// interface, so a server store (Qdrant) can replace the embedded SQLite one without touching them.
/// Implementations throw <see cref="StoreException"/> for an unusable store.
/// </summary>
public interface IVectorStore
{
    /// <summary>Creates the collection if needed; fails if it exists with other dimensions.</summary>
    Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default);

    /// <summary>The stored content SHA-256 of a source, or null when the source (or collection) is unknown.</summary>
    Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces every chunk of the document's source with <paramref name="chunks"/>: atomically on
    /// SQLite; on Qdrant, which has no transactions, in a crash-tolerant order (see QdrantVectorStore).
    /// </summary>
    Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default);

    /// <summary>Number of chunks in the collection (0 when it does not exist).</summary>
    Task<int> CountAsync(string collection, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes these sources' documents with their chunks, sentence vectors and keyword rows, so no
    /// search returns them again (re-ingest prunes files that were deleted). Unknown sources are
    /// ignored. Returns how many documents were removed. All at once on SQLite; on Qdrant chunks go
    /// before their document marker, so an interrupted removal leaves a marker the next one finds.
    /// A store written before removal existed (this default) throws <see cref="NotSupportedException"/>,
    /// which ingest reports instead of pruning.
    /// </summary>
    Task<int> RemoveDocumentsAsync(string collection, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot remove documents; implement IVectorStore.RemoveDocumentsAsync to prune deleted files.");
}
