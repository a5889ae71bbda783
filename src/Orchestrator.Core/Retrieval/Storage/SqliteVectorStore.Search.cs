using Microsoft.Data.Sqlite;
using Orchestrator.Diagnostics;

namespace Orchestrator.Retrieval.Storage;

public sealed partial class SqliteVectorStore
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default) =>
        RunSearchAsync<IReadOnlyList<SearchHit>>(async session =>
        {
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.store.search");
            var connection = session.Connection;
            ArgumentNullException.ThrowIfNull(query);
            ArgumentOutOfRangeException.ThrowIfLessThan(query.TopK, 1);

            // One read snapshot for the whole search (WAL: a deferred transaction pins the snapshot at its
            // first read). Without it, a re-ingest committed between the ranking and the row load deleted
            // ranked rows (fewer than top-k hits) or, where SQLite reused their keys, returned another
            // chunk's text under the old key.
            // BEGIN DEFERRED takes no lock and does no I/O, so the synchronous call does not block.
            await using var snapshot = connection.BeginTransaction(deferred: true);
            var dense = await DenseIndexAsync(connection, snapshot, collection, cancellationToken, session.Generation).ConfigureAwait(false);
            if (dense is null || dense.Count == 0)
            {
                return [];
            }

            if (query.Vector.Length != dense.Dimensions)
            {
                throw new StoreException($"The query vector has {query.Vector.Length} dimensions; collection '{collection}' holds {dense.Dimensions}.");
            }

            var candidates = Math.Max(MinCandidates, query.TopK * 4);
            var denseRanking = dense.Top(query.Vector, candidates, query.SourceFilter);
            var keywordRanking = await KeywordRankingAsync(session, snapshot, collection, query, candidates, cancellationToken).ConfigureAwait(false);
            var fused = ReciprocalRankFusion.Fuse([denseRanking, keywordRanking]);
            var top = Math.Min(query.TopK, fused.Count);
            if (AfterRankingForTests is { } afterRanking)
            {
                await afterRanking(cancellationToken).ConfigureAwait(false);
            }

            var rows = await PassagesAsync(connection, snapshot, dense.Passages, fused, top, cancellationToken).ConfigureAwait(false);
            var hits = new List<SearchHit>(top);
            for (var i = 0; i < top; i++)
            {
                var (key, score) = fused[i];
                if (rows.TryGetValue(key, out var passage))
                {
                    hits.Add(new SearchHit(passage with { Score = score }, dense.SimilarityOf(key, query.Vector) ?? 0, RankOf(denseRanking, key), RankOf(keywordRanking, key)));
                }
            }

            return hits;
        }, cancellationToken);

    /// <summary>
    /// The first <paramref name="top"/> fused passages: from this generation's cache, the rest from SQLite
    /// (then cached). The rows are read in the search's snapshot, the one its generation was read in, so
    /// a concurrent write can never put a newer row into an older generation's cache.
    /// </summary>
    private static async Task<Dictionary<long, Passage>> PassagesAsync(SqliteConnection connection, SqliteTransaction snapshot, PassageRows cache, IReadOnlyList<(long Key, double Score)> fused, int top, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, Passage>(top);
        List<long>? missing = null;
        for (var i = 0; i < top; i++)
        {
            var key = fused[i].Key;
            if (cache.TryGet(key, out var passage))
            {
                found[key] = passage;
            }
            else
            {
                (missing ??= []).Add(key);
            }
        }

        if (missing is not null)
        {
            foreach (var (key, passage) in await LoadPassagesAsync(connection, snapshot, missing, cancellationToken).ConfigureAwait(false))
            {
                cache.Add(key, passage);
                found[key] = passage;
            }
        }

        return found;
    }

    /// <summary>
    /// Loads the collection's dense index and waits until its approximate graph is loaded or built
    /// (only for collections of at least <see cref="AnnIndexOptions.MinChunks"/> chunks), so searches
    /// that follow do not fall back to the exact scan while it is prepared. True when a graph answers.
    /// </summary>
    public async Task<bool> WarmUpAsync(string collection, CancellationToken cancellationToken = default)
    {
        var dense = await RunAsync(connection => DenseIndexAsync(connection, null, collection, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (dense is null)
        {
            return false;
        }

        await _ann.WhenIdleAsync(collection).WaitAsync(cancellationToken).ConfigureAwait(false);
        return dense.HasGraph;
    }

    /// <summary>The current dense index of a collection, for tests and benchmarks that compare its graph with the exact scan.</summary>
    internal Task<DenseIndex?> DenseIndexForTestsAsync(string collection, CancellationToken cancellationToken = default) =>
        RunAsync(connection => DenseIndexAsync(connection, null, collection, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs between a search's ranking and its row load, for tests that commit a concurrent write at
    /// exactly that point (a re-ingest racing the search).
    /// </summary>
    internal Func<CancellationToken, Task>? AfterRankingForTests { get; set; }

    private static int? RankOf(IReadOnlyList<long> ranking, long key)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] == key)
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The BM25 ranking, through the session's compiled statement for its row limit.</summary>
    private static async Task<IReadOnlyList<long>> KeywordRankingAsync(SqliteSearchSession session, SqliteTransaction snapshot, string collection, HybridQuery query, int limit, CancellationToken cancellationToken)
    {
        var match = FtsQuery.Build(query.Text);
        if (match is null)
        {
            return [];
        }

        // bm25() is lower-is-better. A source filter is applied after ranking, so fetch more rows to keep enough.
        var fetch = query.SourceFilter is null ? limit : limit * 8;
        var command = session.Keyword(fetch, out var owned);
        await using var ownedCommand = owned ? command : null;
        command.Transaction = snapshot;
        command.Parameters["$q"].Value = match;
        command.Parameters["$c"].Value = collection;
        var ranking = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && ranking.Count < limit)
        {
            if (query.SourceFilter is null || query.SourceFilter.Contains(reader.GetString(1)))
            {
                ranking.Add(reader.GetInt64(0));
            }
        }

        return ranking;
    }

    private static async Task<Dictionary<long, Passage>> LoadPassagesAsync(SqliteConnection connection, SqliteTransaction snapshot, IReadOnlyList<long> keys, CancellationToken cancellationToken)
    {
        var passages = new Dictionary<long, Passage>();
        if (keys.Count == 0)
        {
            return passages;
        }

        // Keys are integers from our own index, so inlining them cannot inject SQL.
        await using var command = Command(connection, snapshot,
            $"SELECT c.pk, c.id, c.source, c.locator, c.text, u.units FROM chunks c LEFT JOIN chunk_units u ON u.chunk_pk = c.pk WHERE c.pk IN ({string.Join(",", keys)})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            passages[reader.GetInt64(0)] = new Passage
            {
                ChunkId = reader.GetString(1),
                Source = reader.GetString(2),
                Locator = reader.GetString(3),
                Text = reader.GetString(4),
                SentenceVectors = reader.IsDBNull(5) ? null : SentenceVectorCodec.Decode((byte[])reader.GetValue(5)),
            };
        }

        return passages;
    }

    /// <summary>The cached dense index of a collection, reloaded when the stored generation moved on; null when the collection does not exist.</summary>
    /// <remarks>A search passes its session's compiled <see cref="SqliteSearchSession.GenerationSql"/> as <paramref name="generationCommand"/>; other callers get a command of their own.</remarks>
    private async Task<DenseIndex?> DenseIndexAsync(SqliteConnection connection, SqliteTransaction? snapshot, string collection, CancellationToken cancellationToken, SqliteCommand? generationCommand = null)
    {
        long generation;
        int dimensions;
        var ownCommand = generationCommand is null ? Command(connection, snapshot, SqliteSearchSession.GenerationSql, ("$c", collection)) : null;
        var generationQuery = ownCommand ?? generationCommand!;
        generationQuery.Transaction = snapshot;
        generationQuery.Parameters["$c"].Value = collection;
        await using (ownCommand)
        await using (var reader = await generationQuery.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            generation = reader.GetInt64(0);
            dimensions = reader.GetInt32(1);
        }

        lock (_cacheLock)
        {
            if (_denseCache.TryGetValue(collection, out var cached) && cached.Generation == generation)
            {
                return cached;
            }
        }

        var rows = new List<(long, string, byte[])>();
        await using (var command = Command(connection, snapshot, "SELECT pk, source, vector FROM chunks WHERE collection = $c ORDER BY pk", ("$c", collection)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
            }
        }

        var index = new DenseIndex(generation, dimensions, rows);
        lock (_cacheLock)
        {
            if (_denseCache.TryGetValue(collection, out var current) && current.Generation == generation)
            {
                // Another search loaded this generation meanwhile: keep that one and its graph.
                index.Dispose();
                return current;
            }

            if (current is not null && current.Generation > generation)
            {
                // This search's snapshot predates a write another search has already loaded: answer
                // from the older rows it sees, but keep the newer index (and its graph) cached.
                return index;
            }

            current?.Dispose();
            _denseCache[collection] = index;
        }

        _ann.Prepare(collection, index);
        return index;
    }
}
