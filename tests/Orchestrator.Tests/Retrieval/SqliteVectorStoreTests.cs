using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class SqliteVectorStoreTests : IDisposable
{
    private const int Dims = 4;
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public SqliteVectorStoreTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "sub", "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private static float[] Axis(int axis, float tilt = 0)
    {
        var v = new float[Dims];
        v[axis] = 1;
        v[(axis + 1) % Dims] = tilt;
        return VectorMath.Normalize(v);
    }

    private static ChunkRecord Chunk(int ordinal, string text, float[] vector) => new(ordinal, $"loc {ordinal}", text, "Heading\n" + text, vector);

    private async Task WriteAsync(string source, params ChunkRecord[] chunks)
    {
        await _store.EnsureCollectionAsync("kb", Dims);
        await _store.ReplaceDocumentAsync("kb", new StoredDocument(source, "sha-" + source), chunks);
    }

    [Fact]
    public async Task Written_chunks_come_back_from_search_with_their_citation_data()
    {
        await WriteAsync("docs/a.md", Chunk(0, "Annual leave is 25 days.", Axis(0)), Chunk(1, "Pensions are matched.", Axis(1)));

        var hits = await _store.SearchAsync("kb", new HybridQuery { Text = "annual leave", Vector = Axis(0), TopK = 5 });

        Assert.Equal(2, await _store.CountAsync("kb"));
        var top = hits[0];
        Assert.Equal("Annual leave is 25 days.", top.Passage.Text);
        Assert.Equal("docs/a.md", top.Passage.Source);
        Assert.Equal("loc 0", top.Passage.Locator);
        Assert.Equal((1, 1), (top.DenseRank, top.KeywordRank));
        Assert.Equal(1.0, top.DenseSimilarity, 3);
        Assert.Equal(2.0 / 61, top.Passage.Score, 6);
    }

    [Fact]
    public async Task Replacing_a_document_removes_its_old_chunks_from_both_indexes()
    {
        await WriteAsync("a.md", Chunk(0, "Old zebra text.", Axis(0)), Chunk(1, "More old text.", Axis(1)));
        await WriteAsync("b.md", Chunk(0, "Other document.", Axis(2)));
        _ = await _store.SearchAsync("kb", new HybridQuery { Text = "zebra", Vector = Axis(0) }); // warm the dense cache

        await WriteAsync("a.md", Chunk(0, "New giraffe text.", Axis(0)));

        Assert.Equal(2, await _store.CountAsync("kb"));
        var zebra = await _store.SearchAsync("kb", new HybridQuery { Text = "zebra", Vector = Axis(3) });
        Assert.DoesNotContain(zebra, h => h.Passage.Text.Contains("zebra", StringComparison.Ordinal));
        Assert.Null(zebra.FirstOrDefault(h => h.KeywordRank is not null));
        var top = (await _store.SearchAsync("kb", new HybridQuery { Text = "giraffe", Vector = Axis(0) }))[0];
        Assert.Equal("New giraffe text.", top.Passage.Text);
        var sources = await _store.ListSourcesAsync("kb");
        Assert.Equal(["a.md", "b.md"], sources.Select(s => s.Source));
        Assert.Equal(1, sources[0].Chunks);
        Assert.Equal("sha-a.md", await _store.GetDocumentFingerprintAsync("kb", "a.md"));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("leave AND NOT (pension OR")]
    [InlineData("NEAR(leave pension, 2)")]
    [InlineData("lea* -pension ^start body:leave")]
    [InlineData("'; DROP TABLE chunks; --")]
    [InlineData("!!! ??? ...")]
    [InlineData("")]
    public async Task Fts_hostile_query_text_neither_fails_nor_injects_syntax(string text)
    {
        await WriteAsync("a.md", Chunk(0, "Leave and pension rules.", Axis(0)));

        var hits = await _store.SearchAsync("kb", new HybridQuery { Text = text, Vector = Axis(0) });

        Assert.Single(hits); // the dense ranking still finds it
        Assert.Equal(1, await _store.CountAsync("kb"));
    }

    [Fact]
    public void Fts_query_quotes_every_term()
    {
        Assert.Equal("\"leave\" OR \"near\" OR \"pension\"", FtsQuery.Build("the leave NEAR (pension*)"));
        Assert.Null(FtsQuery.Build("the ... of"));
    }

    [Fact]
    public async Task A_corrupt_file_gives_a_store_exception_and_is_left_untouched()
    {
        var path = Path.Combine(_temp.Path, "corrupt.db");
        TestDocuments.WriteRandomBytes(path, 8192, seed: 11);
        var before = await File.ReadAllBytesAsync(path);
        using var store = new SqliteVectorStore(path);

        var ex = await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("kb"));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_write_while_another_connection_holds_the_write_lock_gives_a_store_exception()
    {
        await WriteAsync("a.md", Chunk(0, "First.", Axis(0)));
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.DatabaseFile};Pooling=False");
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: takes the write lock
        await using (var write = holder.CreateCommand())
        {
            write.CommandText = "UPDATE collections SET generation = generation + 1";
            await write.ExecuteNonQueryAsync();
        }

        using var impatient = new SqliteVectorStore(_store.DatabaseFile, busyTimeout: TimeSpan.FromMilliseconds(100));
        var ex = await Assert.ThrowsAsync<StoreException>(() => impatient.ReplaceDocumentAsync("kb", new StoredDocument("b.md", "h"), [Chunk(0, "Second.", Axis(1))]));

        Assert.Contains("locked", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_store.DatabaseFile, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dimension_mismatch_is_refused()
    {
        await _store.EnsureCollectionAsync("kb", Dims);

        await Assert.ThrowsAsync<StoreException>(() => _store.EnsureCollectionAsync("kb", Dims + 1));
        await Assert.ThrowsAsync<StoreException>(() => _store.ReplaceDocumentAsync("kb", new StoredDocument("x", "h"), [Chunk(0, "x", [1f])]));
    }

    [Fact]
    public async Task Unknown_collections_are_empty()
    {
        Assert.Equal(0, await _store.CountAsync("none"));
        Assert.Empty(await _store.SearchAsync("none", new HybridQuery { Text = "x", Vector = Axis(0) }));
        Assert.Null(await _store.GetDocumentFingerprintAsync("none", "a.md"));
    }

    [Fact]
    public async Task Concurrent_searches_agree_with_a_single_search()
    {
        await WriteAsync("a.md", Enumerable.Range(0, 20).Select(i => Chunk(i, $"Chunk number {i} about topic{i % 4}.", Axis(i % Dims, i / 20f))).ToArray());
        var query = new HybridQuery { Text = "topic2", Vector = Axis(2), TopK = 3 };
        var expected = (await _store.SearchAsync("kb", query)).Select(h => h.Passage.ChunkId).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.SearchAsync("kb", query))));

        Assert.All(results, r => Assert.Equal(expected, r.Select(h => h.Passage.ChunkId)));
    }

    [Fact]
    public async Task A_second_store_instance_sees_writes_made_by_the_first()
    {
        await WriteAsync("a.md", Chunk(0, "First.", Axis(0)));
        using var other = new SqliteVectorStore(_store.DatabaseFile);
        Assert.Single(await other.SearchAsync("kb", new HybridQuery { Text = "first", Vector = Axis(0) }));

        await WriteAsync("b.md", Chunk(0, "Second.", Axis(1)));

        Assert.Equal(2, (await other.SearchAsync("kb", new HybridQuery { Text = "second", Vector = Axis(1) })).Count);
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["b", "c", "a"]]);

        Assert.Equal(["b", "a", "c"], fused.Select(f => f.Key));
        Assert.Equal((1.0 / 62) + (1.0 / 61), fused[0].Score, 9);
    }
}
