using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Retrieval.Storage.StoreTestData;

namespace Orchestrator.Tests.Retrieval;

/// <summary>SQLite-only behaviour; what every store must do is in Storage/VectorStoreConformanceTests.</summary>
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

    private async Task WriteAsync(string source, params ChunkRecord[] chunks)
    {
        await _store.EnsureCollectionAsync("kb", Dims);
        await _store.ReplaceDocumentAsync("kb", new StoredDocument(source, "sha-" + source), chunks);
    }

    [Fact]
    public async Task Removing_documents_is_all_or_nothing_when_the_transaction_fails_mid_way()
    {
        await WriteAsync("a.md", Chunk(0, "Alpha zebra text.", Axis(0)), Chunk(1, "Alpha more.", Axis(1)));
        await WriteAsync("b.md", Chunk(0, "Beta zebra text.", Axis(2)));
        await WriteAsync("c.md", Chunk(0, "Gamma text.", Axis(3)));
        // A failure after a.md's rows are gone and while b.md's are going, as a crash or a full disk would be.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER fail_b BEFORE DELETE ON documents WHEN old.source = 'b.md' BEGIN SELECT RAISE(ABORT, 'disk full'); END";
            await trigger.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<StoreException>(() => _store.RemoveDocumentsAsync("kb", ["a.md", "b.md"]));

        Assert.Equal(4, await _store.CountAsync("kb"));
        Assert.Equal(["a.md", "b.md", "c.md"], (await _store.ListSourcesAsync("kb")).Select(s => s.Source));
        Assert.Equal("sha-a.md", await _store.GetDocumentFingerprintAsync("kb", "a.md")); // its chunks and sentence-vector rows are all there
        var hits = await _store.SearchAsync("kb", new HybridQuery { Text = "zebra", Vector = Axis(0) });
        Assert.Equal(2, hits.Count(h => h.KeywordRank is not null)); // both keyword rows too
    }

    [Fact]
    public void Fts_query_quotes_every_term()
    {
        Assert.Equal("\"leave\" OR \"near\" OR \"pension\"", FtsQuery.Build("the leave NEAR (pension*)"));
        Assert.Null(FtsQuery.Build("the ... of"));
    }

    [Fact]
    public async Task A_reingest_committed_between_ranking_and_row_load_does_not_change_the_searchs_answer()
    {
        // The defect: a search read the ranked keys, then the rows; a re-ingest committed in between
        // deleted the ranked rows (fewer than top-k hits, even none) or, with SQLite reusing their keys,
        // returned the new chunks' text under the old keys and the old vectors' similarities.
        await WriteAsync("a.md", [.. Enumerable.Range(0, 4).Select(i => Chunk(i, $"Old passage {i}.", Axis(i)))]);
        var raced = false;
        _store.AfterRankingForTests = async cancellationToken =>
        {
            if (!raced)
            {
                raced = true;
                await _store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "sha-new"),
                    [.. Enumerable.Range(0, 4).Select(i => Chunk(i, $"New passage {i}.", Axis((i + 2) % Dims)))], cancellationToken);
            }
        };

        var during = await _store.SearchAsync("kb", new HybridQuery { Text = "passage", Vector = Axis(0, 0.1f), TopK = 3 });
        var after = await _store.SearchAsync("kb", new HybridQuery { Text = "passage", Vector = Axis(0, 0.1f), TopK = 3 });

        Assert.True(raced);
        Assert.Equal(3, during.Count);
        Assert.All(during, h => Assert.StartsWith("Old passage", h.Passage.Text, StringComparison.Ordinal));
        Assert.Equal("Old passage 0.", during[0].Passage.Text);
        Assert.Equal(3, after.Count);
        Assert.All(after, h => Assert.StartsWith("New passage", h.Passage.Text, StringComparison.Ordinal));
        Assert.Equal("New passage 2.", after[0].Passage.Text);
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
    public void Reciprocal_rank_fusion_rewards_agreement()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["b", "c", "a"]]);

        Assert.Equal(["b", "a", "c"], fused.Select(f => f.Key));
        Assert.Equal((1.0 / 62) + (1.0 / 61), fused[0].Score, 9);
    }
}
