namespace Orchestrator.Retrieval.Storage;

/// <summary>A source document: its path relative to the ingest root and the SHA-256 of its content.</summary>
public sealed record StoredDocument(string Source, string ContentSha256);

/// <summary>One chunk to write: display text, the text that was embedded (and is keyword-indexed), and its unit vector.</summary>
public sealed record ChunkRecord(int Ordinal, string Locator, string Text, string EmbeddingText, float[] Vector)
{
    /// <summary>
    /// Vectors of the chunk's sentences and other comparison units, computed at ingest so that answer
    /// scoring and the groundedness check need not embed them per request. Stores return them on
    /// <see cref="Passage.SentenceVectors"/>; each must have the collection's dimensions. Null: none.
    /// </summary>
    public IReadOnlyList<SentenceVector>? SentenceVectors { get; init; }
}

/// <summary>A source in a collection, as listed by the store.</summary>
public sealed record SourceInfo(string Source, string ContentSha256, DateTimeOffset IngestedUtc, int Chunks);

/// <summary>Hybrid search input. <see cref="Vector"/> must be unit length and match the collection's dimensions.</summary>
public sealed record HybridQuery
{
    public required string Text { get; init; }

    public required float[] Vector { get; init; }

    public int TopK { get; init; } = 5;

    /// <summary>Optional: only chunks from these sources.</summary>
    public IReadOnlyCollection<string>? SourceFilter { get; init; }
}

/// <summary>
/// One ranked result. <see cref="Passage.Score"/> is the fused (RRF) score; <see cref="DenseSimilarity"/>
/// is the cosine similarity of query and chunk, which callers use as an absolute relevance floor.
/// Ranks are 1-based, null when the chunk was not in that ranking's candidates.
/// </summary>
public sealed record SearchHit(Passage Passage, double DenseSimilarity, int? DenseRank, int? KeywordRank);
