using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.State;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The server store: a Qdrant collection per orchestrator collection, reached over gRPC, so several
/// stateless orchestrator replicas share one index. Points are laid out by <see cref="QdrantPoints"/>.
/// Qdrant has no multi-operation transaction, so <see cref="ReplaceDocumentAsync"/> writes the new
/// version of a document before it deletes the old one; see there for what a crash leaves behind.
/// </summary>
public sealed partial class QdrantVectorStore : IVectorStore, IDisposable
{
    /// <summary>How many candidates each ranking contributes to fusion, at least (as in the SQLite store).</summary>
    private const int MinCandidates = 50;

    // Points per upsert call, and a cap on their encoded size (text and sentence vectors), to stay well under gRPC message limits.
    private const int BatchPoints = 64;
    private const int BatchBytes = 4_000_000;
    private const uint ScrollPage = 256;

    // Sources per delete call: one filter lists them all, so this bounds the request size.
    private const int RemoveBatchSources = 256;

    // Replies carry chunk texts for up to 2 x MinCandidates points; gRPC's default 4 MB cap is too
    // small once chunks are large, so replies may be this big.
    private const int MaxReplyBytes = 256 * 1024 * 1024;

    private readonly GrpcChannel _channel;
    private readonly QdrantClient _client;
    private readonly QdrantStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _dimensions = new(StringComparer.Ordinal);
    private readonly DependencyMetrics? _metrics;
    private readonly QdrantReachability? _reachability;

    public QdrantVectorStore(QdrantStoreOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(options, loggerFactory, timeProvider, metrics: null)
    {
    }

    /// <summary>A store whose calls feed the host's reachability gauge and failures counter (<paramref name="metrics"/>).</summary>
    internal QdrantVectorStore(QdrantStoreOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, DependencyMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        if (metrics is not null)
        {
            _reachability = new QdrantReachability(metrics);
            metrics.Track(_reachability);
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<QdrantVectorStore>();
        // Our own channel rather than QdrantClient(url, apiKey), whose channel keeps the default size cap.
        _channel = GrpcChannel.ForAddress(options.Url, new GrpcChannelOptions { MaxReceiveMessageSize = MaxReplyBytes, LoggerFactory = loggerFactory });
        var invoker = options.ApiKey is { } key
            ? _channel.Intercept(metadata =>
            {
                metadata.Add("api-key", key);
                return metadata;
            })
            : _channel.CreateCallInvoker();
        _client = new QdrantClient(new QdrantGrpcClient(invoker), options.Timeout, loggerFactory);
    }

    public Uri Url => _options.Url;

    public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken = default) =>
        RunAsync("create the collection", async () =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
            var name = Name(collection);
            if (!await _client.CollectionExistsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                await CreateAsync(name, dimensions, cancellationToken).ConfigureAwait(false);
            }

            var existing = await DimensionsAsync(collection, cancellationToken).ConfigureAwait(false);
            if (existing != dimensions)
            {
                throw new StoreException(
                    $"Qdrant collection '{name}' at {Url} holds {existing}-dimensional vectors, but the embedder makes {dimensions}. " +
                    "Use the embedder it was built with, or change store.collection_prefix to ingest into new collections.");
            }

            return true;
        });

    public Task<string?> GetDocumentFingerprintAsync(string collection, string source, CancellationToken cancellationToken = default) =>
        ReadAsync<string?>("read a document fingerprint", null, async () =>
        {
            var name = Name(collection);
            var marker = await MarkerAsync(name, collection, source, cancellationToken).ConfigureAwait(false);
            if (marker is null)
            {
                return null;
            }

            // Exactly the marker plus the chunks it promises, or a replace did not finish (leftovers of
            // another version, or chunks deleted by a concurrent replace): report the document as
            // unknown so the next ingest rewrites it, which also repairs it.
            var points = await _client.CountAsync(name, QdrantPoints.SourcePoints(source), exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            // A marker written before sentence vectors were kept also reads as unknown, so the next
            // ingest rewrites the document with them; until then its passages carry none.
            var complete = points == (ulong)QdrantPoints.ChunkCount(marker.Payload) + 1 && QdrantPoints.HasUnits(marker.Payload);
            return complete ? QdrantPoints.String(marker.Payload, QdrantPoints.Sha256) : null;
        });

    /// <summary>
    /// Upserts the chunks under a fresh version, then the document marker naming that version (the
    /// commit point), then deletes the source's chunks of every other version. A crash before the
    /// marker leaves the old version current plus unreferenced new chunks; a crash after it leaves
    /// the new version plus old chunks. Either way the fingerprint reads as unknown, so the next ingest
    /// of the file rewrites it and cleans up. Until then searches may also see the leftover chunks.
    /// Two replaces of one source at once can delete each other's chunks; that too reads as unknown.
    /// </summary>
    public Task ReplaceDocumentAsync(string collection, StoredDocument document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default) =>
        RunAsync("replace a document", async () =>
        {
            ArgumentNullException.ThrowIfNull(document);
            ArgumentNullException.ThrowIfNull(chunks);
            var name = Name(collection);
            var dimensions = await DimensionsAsync(collection, cancellationToken).ConfigureAwait(false);
            if (chunks.FirstOrDefault(c => c.Vector.Length != dimensions) is { } wrong)
            {
                throw new StoreException($"Chunk {wrong.Ordinal} of '{document.Source}' has a {wrong.Vector.Length}-dimensional vector; Qdrant collection '{name}' needs {dimensions}.");
            }

            foreach (var chunk in chunks)
            {
                SentenceVectorCodec.Validate(chunk, document.Source, dimensions, $"Qdrant collection '{name}'");
            }

            var version = Guid.NewGuid().ToString("N");
            foreach (var points in Batches(chunks.Select(c => QdrantPoints.ChunkPoint(collection, document.Source, version, c))))
            {
                await _client.UpsertAsync(name, points, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var marker = QdrantPoints.DocumentPoint(collection, document, version, chunks.Count, _time.GetUtcNow());
            await _client.UpsertAsync(name, [marker], wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _client.DeleteAsync(name, QdrantPoints.OtherVersions(document.Source, version), wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogReplaced(_logger, document.Source, name, chunks.Count);
            return true;
        });

    /// <summary>
    /// Deletes by a filter on the <c>source</c> payload field, some sources per call: first their
    /// chunks of every version, then their document markers. Qdrant has no transaction across the two,
    /// so a crash in between leaves markers whose chunks are gone: their fingerprints read as unknown,
    /// they are still listed, and the next prune removes them. A missing collection removes nothing.
    /// </summary>
    public Task<int> RemoveDocumentsAsync(string collection, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default) =>
        ReadAsync("remove documents", 0, async () =>
        {
            ArgumentNullException.ThrowIfNull(sources);
            var name = Name(collection);
            var removed = 0UL;
            foreach (var batch in sources.Distinct(StringComparer.Ordinal).Chunk(RemoveBatchSources))
            {
                var markers = QdrantPoints.Markers(batch);
                removed += await _client.CountAsync(name, markers, exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                await _client.DeleteAsync(name, QdrantPoints.ChunksOf(batch), wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                await _client.DeleteAsync(name, markers, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (removed > 0)
            {
                LogRemoved(_logger, (int)removed, name);
            }

            return checked((int)removed);
        });

    public Task<int> CountAsync(string collection, CancellationToken cancellationToken = default) =>
        ReadAsync("count chunks", 0, async () =>
        {
            var count = await _client.CountAsync(Name(collection), QdrantPoints.ChunkFilter(null), exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            return checked((int)count);
        });

    public Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(string collection, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<SourceInfo>>("list sources", [], async () =>
        {
            var name = Name(collection);
            var sources = new List<SourceInfo>();
            PointId? offset = null;
            do
            {
                var page = await _client.ScrollAsync(name, QdrantPoints.Documents(), ScrollPage, offset, payloadSelector: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                sources.AddRange(page.Result.Select(p => QdrantPoints.ReadSource(p.Payload)));
                offset = page.NextPageOffset;
            }
            while (offset is not null);

            return sources.OrderBy(s => s.Source, StringComparer.Ordinal).ToList();
        });

    public void Dispose()
    {
        if (_reachability is not null)
        {
            _metrics?.Untrack(_reachability);
        }

        _client.Dispose();
        _channel.Dispose();
    }

    private string Name(string collection) => QdrantNames.Collection(_options.CollectionPrefix, collection);

    private async Task CreateAsync(string name, int dimensions, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CreateCollectionAsync(
                name,
                new VectorParamsMap { Map = { [QdrantPoints.DenseVector] = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine } } },
                sparseVectorsConfig: new SparseVectorConfig { Map = { [QdrantPoints.SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf } } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (QdrantErrors.IsAlreadyExists(ex))
        {
            // Another replica created it first; its dimensions are checked next like any existing collection.
            return;
        }

        foreach (var field in QdrantPoints.IndexedFields)
        {
            await _client.CreatePayloadIndexAsync(name, field, PayloadSchemaType.Keyword, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        LogCreated(_logger, name, dimensions);
    }

    /// <summary>The dense vector size of a collection, cached: a collection's dimensions never change.</summary>
    private async Task<int> DimensionsAsync(string collection, CancellationToken cancellationToken)
    {
        if (_dimensions.TryGetValue(collection, out var cached))
        {
            return cached;
        }

        var name = Name(collection);
        CollectionInfo info;
        try
        {
            info = await _client.GetCollectionInfoAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (QdrantErrors.IsMissingCollection(ex))
        {
            throw new StoreException($"Qdrant collection '{name}' does not exist at {Url}; call EnsureCollectionAsync first.", ex);
        }

        if (info.Config?.Params?.VectorsConfig?.ParamsMap?.Map.TryGetValue(QdrantPoints.DenseVector, out var dense) != true)
        {
            throw new StoreException(
                $"Qdrant collection '{name}' at {Url} has no '{QdrantPoints.DenseVector}' vector, so it was not created by this orchestrator. " +
                "Choose another store.collection_prefix or collection name.");
        }

        return _dimensions[collection] = (int)dense!.Size;
    }

    private async Task<RetrievedPoint?> MarkerAsync(string name, string collection, string source, CancellationToken cancellationToken)
    {
        var found = await _client.RetrieveAsync(name, QdrantPoints.DocumentPointId(collection, source), withPayload: true, withVectors: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static IEnumerable<List<PointStruct>> Batches(IEnumerable<PointStruct> chunks)
    {
        var batch = new List<PointStruct>();
        var bytes = 0;
        foreach (var chunk in chunks)
        {
            var size = chunk.CalculateSize();
            if (batch.Count > 0 && (batch.Count == BatchPoints || bytes + size > BatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(chunk);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            _reachability?.Answered();
            return result;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            if (QdrantErrors.IsUnreachable(ex))
            {
                _reachability?.Unreachable();
            }
            else
            {
                _reachability?.Answered(); // an error reply: the server was reached
            }

            throw QdrantErrors.Translate(ex, Url, operation);
        }
        catch (QdrantException ex)
        {
            // The client's own check of a reply, e.g. an update the server did not complete.
            throw new StoreException($"Qdrant at {Url} failed to {operation}: {ex.Message}", ex);
        }
    }

    /// <summary>A read that finds no collection answers <paramref name="missing"/>, as the SQLite store does.</summary>
    private Task<T> ReadAsync<T>(string operation, T missing, Func<Task<T>> call) =>
        RunAsync(operation, async () =>
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (RpcException ex) when (QdrantErrors.IsMissingCollection(ex))
            {
                return missing;
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} ({Dimensions} dimensions, cosine, with a BM25 sparse vector)")]
    private static partial void LogCreated(ILogger logger, string collection, int dimensions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Documents} document(s) from Qdrant collection {Collection}")]
    private static partial void LogRemoved(ILogger logger, int documents, string collection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replaced {Source} in Qdrant collection {Collection}: {Chunks} chunks")]
    private static partial void LogReplaced(ILogger logger, string source, string collection, int chunks);
}
