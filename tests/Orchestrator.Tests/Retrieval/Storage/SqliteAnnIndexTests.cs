using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// The SQLite store's approximate (HNSW) dense index: exact scores on the graph path, the file beside
/// the database, rebuilt when stale or damaged, the exact scan when the native library is missing,
/// and searches while a graph is being built.
/// </summary>
public sealed class SqliteAnnIndexTests : IDisposable
{
    private const int Dims = 16;
    private const string Collection = "kb";
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly Random _random = new(11);

    public SqliteAnnIndexTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    private string DatabaseFile => Path.Combine(_temp.Path, "store.db");

    public void Dispose()
    {
        _loggerFactory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [AnnFact]
    public async Task The_graph_answers_with_exact_scores_and_the_exact_ranking_on_a_small_collection()
    {
        using var store = Open();
        await WriteAsync(store, documents: 6, chunksPerDocument: 50);

        Assert.True(await store.WarmUpAsync(Collection));
        var dense = (await store.DenseIndexForTestsAsync(Collection))!;
        Assert.True(dense.HasGraph);
        double overlap = 0;
        for (var q = 0; q < 20; q++)
        {
            var query = RandomUnit();
            var approximate = dense.Top(query, 10, null);
            var exact = dense.ExactTop(query, 10, null);
            overlap += approximate.Intersect(exact).Count() / 10.0;
            Assert.Equal(approximate.Select(k => dense.SimilarityOf(k, query)!.Value).OrderDescending(), approximate.Select(k => dense.SimilarityOf(k, query)!.Value));
        }

        Assert.True(overlap / 20 >= 0.9, $"recall@10 of the graph was {overlap / 20:F2}");
        var probe = RandomUnit();
        var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = probe, TopK = 5 });
        var exactScores = dense.ExactTop(probe, 5, null).Select(k => Math.Round((double)dense.SimilarityOf(k, probe)!.Value, 5));
        Assert.Equal(exactScores, hits.Select(h => Math.Round(h.DenseSimilarity, 5)));
    }

    [AnnFact]
    public async Task A_source_filter_on_the_graph_path_returns_only_that_source()
    {
        using var store = Open();
        await WriteAsync(store, documents: 4, chunksPerDocument: 40);
        Assert.True(await store.WarmUpAsync(Collection));

        var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = RandomUnit(), TopK = 8, SourceFilter = ["doc-2.md"] });

        Assert.Equal(8, hits.Count);
        Assert.All(hits, h => Assert.Equal("doc-2.md", h.Passage.Source));
    }

    [AnnFact]
    public async Task A_source_with_fewer_rows_than_asked_gets_all_of_them_as_the_exact_scan_would()
    {
        using var store = Open();
        await WriteAsync(store, documents: 4, chunksPerDocument: 50);
        await store.ReplaceDocumentAsync(Collection, new StoredDocument("rare.md", "r"), [Chunk(0, RandomUnit()), Chunk(1, RandomUnit()), Chunk(2, RandomUnit())]);
        Assert.True(await store.WarmUpAsync(Collection));

        var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = RandomUnit(), TopK = 5, SourceFilter = ["rare.md"] });

        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("rare.md", h.Passage.Source));
    }

    [AnnFact]
    public async Task The_graph_is_saved_beside_the_database_and_loaded_by_the_next_process()
    {
        using (var first = Open())
        {
            await WriteAsync(first, documents: 3, chunksPerDocument: 30);
            Assert.True(await first.WarmUpAsync(Collection));
        }

        Assert.Single(Directory.GetFiles(_temp.Path, "store.db.*.hnsw"));
        Assert.Single(Directory.GetFiles(_temp.Path, "store.db.*.hnsw.json"));
        Assert.Single(_logs.Lines, l => l.Contains("Building the approximate dense index of collection kb (90 chunks) because there is no index file yet", StringComparison.Ordinal));

        using var second = Open();
        Assert.True(await second.WarmUpAsync(Collection));
        Assert.Single(_logs.Lines, l => l.Contains("Loaded the approximate dense index of collection kb (90 chunks)", StringComparison.Ordinal));
        Assert.Single(_logs.Lines, l => l.Contains("Building", StringComparison.Ordinal));
    }

    [AnnFact]
    public async Task A_reingest_makes_the_saved_graph_stale_and_it_is_rebuilt_never_used()
    {
        using (var first = Open())
        {
            await WriteAsync(first, documents: 3, chunksPerDocument: 30);
            Assert.True(await first.WarmUpAsync(Collection));
        }

        // Another process re-ingests one document: same row count, other vectors.
        var moved = RandomUnit();
        using (var writer = new SqliteVectorStore(DatabaseFile, AnnIndexOptions.Off))
        {
            await writer.ReplaceDocumentAsync(Collection, new StoredDocument("doc-1.md", "v2"),
                [.. Enumerable.Range(0, 30).Select(i => Chunk(i, i == 7 ? moved : RandomUnit()))]);
        }

        using var second = Open();
        var hits = await second.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = moved, TopK = 3 });

        Assert.True((await second.DenseIndexForTestsAsync(Collection))!.HasGraph);
        Assert.Contains(_logs.Lines, l => l.Contains("because it was built from other content", StringComparison.Ordinal));
        Assert.Equal(("doc-1.md", 1.0), (hits[0].Passage.Source, Math.Round(hits[0].DenseSimilarity, 4)));
    }

    [AnnFact]
    public async Task A_reingest_in_the_same_store_is_searched_at_once()
    {
        using var store = Open();
        await WriteAsync(store, documents: 3, chunksPerDocument: 30);
        Assert.True(await store.WarmUpAsync(Collection));
        var moved = RandomUnit();

        await store.ReplaceDocumentAsync(Collection, new StoredDocument("doc-0.md", "v2"), [Chunk(0, moved)]);
        var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = moved, TopK = 1 });

        Assert.Equal(("doc-0.md", 1.0), (hits[0].Passage.Source, Math.Round(hits[0].DenseSimilarity, 4)));
        Assert.Equal(61, (await store.DenseIndexForTestsAsync(Collection))!.Count);
    }

    [AnnTheory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("metadata")]
    [InlineData("missing")]
    public async Task A_damaged_or_missing_index_file_is_rebuilt_not_loaded(string damage)
    {
        using (var first = Open())
        {
            await WriteAsync(first, documents: 2, chunksPerDocument: 40);
            Assert.True(await first.WarmUpAsync(Collection));
        }

        var graph = Directory.GetFiles(_temp.Path, "store.db.*.hnsw").Single();
        switch (damage)
        {
            case "flip":
                var bytes = await File.ReadAllBytesAsync(graph);
                for (var i = 0; i < bytes.Length; i += 97)
                {
                    bytes[i] ^= 0x5A;
                }

                await File.WriteAllBytesAsync(graph, bytes);
                break;
            case "truncate":
                await File.WriteAllBytesAsync(graph, (await File.ReadAllBytesAsync(graph))[..100]);
                break;
            case "empty":
                await File.WriteAllBytesAsync(graph, []);
                break;
            case "metadata":
                await File.WriteAllTextAsync(graph + ".json", "{ not json");
                break;
            default:
                File.Delete(graph);
                break;
        }

        using var second = Open();
        var probe = RandomUnit();
        var hits = await second.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = probe, TopK = 5 });

        Assert.Equal(5, hits.Count);
        Assert.True((await second.DenseIndexForTestsAsync(Collection))!.HasGraph);
        Assert.Equal(2, _logs.Lines.Count(l => l.Contains("Building the approximate dense index", StringComparison.Ordinal)));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Loaded the approximate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_native_library_the_exact_scan_answers_and_says_so_once()
    {
        var missing = new AnnIndexOptions { MinChunks = 1, BuildInline = true, NewNativeIndex = _ => throw new DllNotFoundException("Unable to load shared library 'libusearch_c'") };
        using var store = new SqliteVectorStore(DatabaseFile, missing, loggerFactory: _loggerFactory);
        await WriteAsync(store, documents: 2, chunksPerDocument: 20);

        var probe = RandomUnit();
        var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = probe, TopK = 5 });
        await store.ReplaceDocumentAsync(Collection, new StoredDocument("doc-9.md", "x"), [Chunk(0, probe)]);
        var after = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = probe, TopK = 5 });

        Assert.Equal(5, hits.Count);
        Assert.Equal(("doc-9.md", 1.0), (after[0].Passage.Source, Math.Round(after[0].DenseSimilarity, 4)));
        Assert.False(await store.WarmUpAsync(Collection));
        Assert.Single(_logs.Lines, l => l.Contains("the USearch native library could not be loaded (DllNotFoundException", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.hnsw"));
    }

    [AnnFact]
    public async Task Below_the_threshold_the_exact_scan_answers_and_nothing_is_written()
    {
        using var store = new SqliteVectorStore(DatabaseFile, new AnnIndexOptions { MinChunks = 61, BuildInline = true }, loggerFactory: _loggerFactory);
        await WriteAsync(store, documents: 2, chunksPerDocument: 30);

        Assert.False(await store.WarmUpAsync(Collection));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.hnsw"));

        await store.ReplaceDocumentAsync(Collection, new StoredDocument("doc-9.md", "x"), [Chunk(0, RandomUnit())]);
        Assert.True(await store.WarmUpAsync(Collection));
    }

    [AnnFact]
    public async Task Searches_while_graphs_are_built_in_the_background_are_answered_without_errors()
    {
        using var store = new SqliteVectorStore(DatabaseFile, new AnnIndexOptions { MinChunks = 1 }, loggerFactory: _loggerFactory);
        await WriteAsync(store, documents: 4, chunksPerDocument: 50);

        var searches = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var hits = await store.SearchAsync(Collection, new HybridQuery { Text = "qqq", Vector = RandomUnitShared(w * 100 + i), TopK = 5 });

                // Each search reads one snapshot, so a write committed mid-search cannot drop its rows.
                Assert.Equal(5, hits.Count);
                Assert.All(hits, h => Assert.InRange(h.DenseSimilarity, -1.0001, 1.0001));
            }
        })).ToList();
        for (var round = 0; round < 3; round++)
        {
            await store.ReplaceDocumentAsync(Collection, new StoredDocument($"doc-{round}.md", $"r{round}"), [.. Enumerable.Range(0, 50).Select(i => Chunk(i, RandomUnitShared(1000 + (round * 50) + i)))]);
        }

        await Task.WhenAll(searches);
        Assert.True(await store.WarmUpAsync(Collection));
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    private static ChunkRecord Chunk(int ordinal, float[] vector) => new(ordinal, $"loc {ordinal}", $"text {ordinal}", $"text {ordinal}", vector);

    private static float[] RandomUnitShared(int seed)
    {
        var random = new Random(seed);
        var v = new float[Dims];
        for (var i = 0; i < Dims; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return VectorMath.Normalize(v);
    }

    private SqliteVectorStore Open() =>
        new(DatabaseFile, new AnnIndexOptions { MinChunks = 1, BuildInline = true }, loggerFactory: _loggerFactory);

    private float[] RandomUnit()
    {
        var v = new float[Dims];
        for (var i = 0; i < Dims; i++)
        {
            v[i] = (float)((_random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private async Task WriteAsync(SqliteVectorStore store, int documents, int chunksPerDocument)
    {
        await store.EnsureCollectionAsync(Collection, Dims);
        for (var d = 0; d < documents; d++)
        {
            await store.ReplaceDocumentAsync(Collection, new StoredDocument($"doc-{d}.md", $"h{d}"),
                [.. Enumerable.Range(0, chunksPerDocument).Select(i => Chunk(i, RandomUnit()))]);
        }
    }
}
