namespace Orchestrator.Retrieval.Ingestion;

public sealed record SkippedFile(string Path, string Reason);

public sealed record IngestReport
{
    public int FilesIngested { get; init; }

    /// <summary>Files whose content SHA-256 matched the stored one: nothing was written for them.</summary>
    public int FilesUnchanged { get; init; }

    public IReadOnlyList<SkippedFile> FilesSkipped { get; init; } = [];

    public int ChunksWritten { get; init; }

    /// <summary>
    /// Sources removed from the store because their files are gone from an ingested folder (deleted,
    /// or renamed: the new name is ingested, the old one removed). See <see cref="IngestOptions.Prune"/>.
    /// </summary>
    public IReadOnlyList<string> FilesRemoved { get; init; } = [];

    /// <summary>Paths under which stored documents were kept although their files were not found, and why (an error to show).</summary>
    public IReadOnlyList<PruneRefusal> NotPruned { get; init; } = [];

    /// <summary>
    /// Sources of the collection under none of the ingested paths (ingested from elsewhere): never
    /// pruned by this ingest, listed so they can be reported. Empty when no folder was ingested.
    /// </summary>
    public IReadOnlyList<string> SourcesOutsidePaths { get; init; } = [];
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

    /// <summary>
    /// Remove stored documents that were ingested from under an ingested folder and whose files are
    /// no longer there, after the folder's files are written. Never when the folder is missing or
    /// cannot be read. Default true; false keeps them (the behaviour before pruning existed).
    /// </summary>
    public bool Prune { get; init; } = true;

    /// <summary>
    /// Also prune a folder in which every stored document is gone at once. Off by default, because
    /// that is what an unmounted share or an emptied mount point looks like: such a folder is
    /// reported in <see cref="IngestReport.NotPruned"/> instead.
    /// </summary>
    public bool PruneWhenAllGone { get; init; }

    /// <summary>Lists one folder's entries in place of the file system; for tests of unreadable folders.</summary>
    internal Func<DirectoryInfo, IEnumerable<FileSystemInfo>>? ListFolderForTests { get; init; }
}
