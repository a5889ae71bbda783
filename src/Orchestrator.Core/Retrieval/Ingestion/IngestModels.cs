namespace Orchestrator.Retrieval.Ingestion;

public sealed record SkippedFile(string Path, string Reason);

public sealed record IngestReport
{
    public int FilesIngested { get; init; }

    /// <summary>Files whose content SHA-256 matched the stored one: nothing was written for them.</summary>
    public int FilesUnchanged { get; init; }

    public IReadOnlyList<SkippedFile> FilesSkipped { get; init; } = [];

    public int ChunksWritten { get; init; }
}

/// <summary>Progress after each file: how many of the total are done, and which file was just handled.</summary>
public sealed record IngestProgress(int FilesDone, int FilesTotal, string CurrentPath);

public sealed record IngestOptions
{
    public long MaxFileBytes { get; init; } = Reading.DocumentReaders.DefaultMaxFileBytes;

    public Chunking.ChunkerOptions Chunking { get; init; } = new();

    /// <summary>Texts per embedding call; bounds memory and lets cancellation act between batches.</summary>
    public int EmbeddingBatchSize { get; init; } = 64;

    /// <summary>
    /// Embed and store each chunk's sentences at ingest (about twice the embedding work of the chunks
    /// alone), so that answer scoring and the groundedness check reuse them instead of embedding
    /// retrieved passages per request. Default true.
    /// </summary>
    public bool StoreSentenceVectors { get; init; } = true;
}
