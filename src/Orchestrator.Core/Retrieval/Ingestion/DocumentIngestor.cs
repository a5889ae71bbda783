using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Reading;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// Reads, chunks, embeds and stores documents. A file whose SHA-256 matches what the store holds is
/// left alone; a changed file replaces all of its old chunks in one transaction. Files that cannot
/// be read are reported as skipped and never stop the others. The stored fingerprint also names the
/// embedder (<see cref="VectorFingerprint"/>), so a file embedded by another model counts as changed.
/// </summary>
public sealed class DocumentIngestor
{
    private readonly IVectorStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly string _root;
    private readonly IngestOptions _options;
    private readonly DocumentReaders _readers;
    private readonly StructuredChunker _chunker;
    private readonly string? _embedderId;

    /// <param name="rootDirectory">Sources are recorded relative to this folder (usually the config folder), with forward slashes.</param>
    public DocumentIngestor(IVectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, string rootDirectory, IngestOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _root = Path.GetFullPath(rootDirectory);
        _options = options ?? new IngestOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EmbeddingBatchSize, 1);
        _readers = new DocumentReaders(_options.MaxFileBytes);
        _chunker = new StructuredChunker(_options.Chunking);
        _embedderId = VectorFingerprint.EmbedderId(embedder);
    }

    /// <summary>
    /// Ingests files and folders. Then, unless <see cref="IngestOptions.Prune"/> is off, documents that
    /// were ingested from under one of the folders and are no longer there are removed from the store
    /// (<see cref="IngestPruner"/>): after the new files are written, so a renamed file is never missing in between.
    /// </summary>
    public async Task<IngestReport> IngestAsync(string collection, IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        var skipped = new List<SkippedFile>();
        var targets = ExpandPaths(paths, skipped, cancellationToken);
        var files = targets.Files;
        int ingested = 0, unchanged = 0, chunksWritten = 0;
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files[i];
            var source = SourceName(file);
            var outcome = await IngestFileAsync(collection, file, source, cancellationToken).ConfigureAwait(false);
            if (outcome.SkipReason is not null)
            {
                skipped.Add(new SkippedFile(source, outcome.SkipReason));
            }
            else if (outcome.ChunksWritten is null)
            {
                unchanged++;
            }
            else
            {
                ingested++;
                chunksWritten += outcome.ChunksWritten.Value;
            }

            progress?.Report(new IngestProgress(i + 1, files.Count, source));
        }

        var report = new IngestReport { FilesIngested = ingested, FilesUnchanged = unchanged, FilesSkipped = skipped, ChunksWritten = chunksWritten };
        if (!_options.Prune || (targets.Walks.Count == 0 && targets.Missing.Count == 0))
        {
            return report;
        }

        var seen = files.Select(SourceName).ToHashSet(StringComparer.Ordinal);
        var pruner = new IngestPruner(_store, _root, SourceName, _options.PruneWhenAllGone);
        var (removed, refused, outside) = await pruner.PruneAsync(collection, targets.Walks, seen, targets.Missing, targets.SingleFiles, cancellationToken).ConfigureAwait(false);
        return report with { FilesRemoved = removed, NotPruned = refused, SourcesOutsidePaths = outside };
    }

    /// <summary>
    /// Ingests an in-memory document (used by evaluation). Its fingerprint is the SHA-256 of its text and the embedder's id.
    /// Returns the number of chunks written, or null when the stored fingerprint already matched.
    /// </summary>
    public Task<int?> IngestDocumentAsync(string collection, string source, IReadOnlyList<DocumentBlock> blocks, CancellationToken cancellationToken = default)
    {
        var content = string.Join("\n", blocks.Select(b => string.Join(" > ", b.HeadingPath) + "\n" + b.Text));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return IngestBlocksAsync(collection, new StoredDocument(source, VectorFingerprint.Of(sha, _embedderId)), blocks, cancellationToken);
    }

    /// <summary>Hashes before parsing, so an unchanged file costs one read and no parse, embedding or write.</summary>
    private async Task<(string? SkipReason, int? ChunksWritten)> IngestFileAsync(string collection, string file, string source, CancellationToken cancellationToken)
    {
        string? fingerprint = null;
        if (File.Exists(file) && new FileInfo(file).Length is > 0 and var length && length <= _options.MaxFileBytes)
        {
            fingerprint = VectorFingerprint.Of(await ReadingRevision.FileSha256Async(file, cancellationToken).ConfigureAwait(false), _embedderId);
            var stored = await _store.GetDocumentFingerprintAsync(collection, source, cancellationToken).ConfigureAwait(false);
            if (string.Equals(stored, fingerprint, StringComparison.Ordinal))
            {
                return (null, null);
            }
        }

        var read = await _readers.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        if (read.Skipped || fingerprint is null)
        {
            return (read.SkipReason ?? "the file could not be read", null);
        }

        var written = await IngestBlocksAsync(collection, new StoredDocument(source, fingerprint), read.Blocks, cancellationToken).ConfigureAwait(false);
        return (null, written);
    }

    private async Task<int?> IngestBlocksAsync(string collection, StoredDocument document, IReadOnlyList<DocumentBlock> blocks, CancellationToken cancellationToken)
    {
        var stored = await _store.GetDocumentFingerprintAsync(collection, document.Source, cancellationToken).ConfigureAwait(false);
        if (string.Equals(stored, document.ContentSha256, StringComparison.Ordinal))
        {
            return null;
        }

        var chunks = _chunker.Chunk(blocks);
        var vectors = new List<float[]>(chunks.Count);
        foreach (var batch in chunks.Chunk(_options.EmbeddingBatchSize))
        {
            vectors.AddRange(await _embedder.EmbedManyAsync(batch.Select(c => c.EmbeddingText).ToList(), cancellationToken).ConfigureAwait(false));
        }

        if (vectors.Count > 0)
        {
            await _store.EnsureCollectionAsync(collection, vectors[0].Length, cancellationToken).ConfigureAwait(false);
        }

        var units = await UnitVectorsAsync(chunks, cancellationToken).ConfigureAwait(false);
        var records = chunks.Select((c, i) => new ChunkRecord(c.Ordinal, c.Locator, c.Text, c.EmbeddingText, vectors[i]) { SentenceVectors = units[i] }).ToList();
        await _store.ReplaceDocumentAsync(collection, document, records, cancellationToken).ConfigureAwait(false);
        return records.Count;
    }

    /// <summary>
    /// Each chunk's sentence vectors (<see cref="ChunkUnits"/>), embedded in batches like the chunks,
    /// each distinct text once; null per chunk when <see cref="IngestOptions.StoreSentenceVectors"/> is off.
    /// </summary>
    private async Task<IReadOnlyList<SentenceVector>?[]> UnitVectorsAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        var result = new IReadOnlyList<SentenceVector>?[chunks.Count];
        if (!_options.StoreSentenceVectors)
        {
            return result;
        }

        var units = chunks.Select(c => ChunkUnits.Of(c.Text, c.Locator)).ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        // Shortest first, so each call's texts pad to similar lengths: a chunk's whole text and its
        // short sentences in one call would pad every sentence to the chunk's length.
        var distinct = units.SelectMany(u => u).Distinct(StringComparer.Ordinal).OrderBy(u => u.Length);
        foreach (var batch in distinct.Chunk(_options.EmbeddingBatchSize))
        {
            var embedded = await _embedder.EmbedManyAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = embedded[i];
            }
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            result[i] = units[i].Select(u => new SentenceVector(u, vectors[u])).ToList();
        }

        return result;
    }

    /// <summary>The files to ingest (each once, folders walked in path order), the folders walked, and what was not found.</summary>
    private (List<string> Files, List<FolderWalk> Walks, List<string> Missing, HashSet<string> SingleFiles) ExpandPaths(IEnumerable<string> paths, List<SkippedFile> skipped, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var walks = new List<FolderWalk>();
        var missing = new List<string>();
        var singleFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(_root, path));
            if (Directory.Exists(full))
            {
                var walk = FolderWalk.Of(full, _options.ListFolderForTests, cancellationToken);
                walks.Add(walk);
                files.AddRange(walk.Files);
                skipped.AddRange(walk.Unreadable.Select(u => new SkippedFile(SourceName(u.Path), $"the folder could not be read: {u.Reason}")));
                skipped.AddRange(walk.LinksNotFollowed.Select(l => new SkippedFile(SourceName(l.Path), l.Reason)));
            }
            else if (File.Exists(full))
            {
                files.Add(full);
                singleFiles.Add(full);
            }
            else
            {
                missing.Add(full);
                skipped.Add(new SkippedFile(SourceName(full), "no such file or folder"));
            }
        }

        return (files.Distinct(StringComparer.Ordinal).ToList(), walks, missing, singleFiles);
    }

    private string SourceName(string fullPath)
    {
        var relative = Path.GetRelativePath(_root, fullPath);
        var name = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        return name.Replace('\\', '/');
    }
}
