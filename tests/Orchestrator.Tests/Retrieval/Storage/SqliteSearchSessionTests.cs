using Microsoft.Data.Sqlite;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Retrieval.Storage.StoreTestData;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// Searches run on connections the store keeps open with their statements compiled once
/// (<see cref="SqliteSearchSession"/>): they must answer exactly as a fresh connection does, see every
/// write committed since (by this store or another on the same file), survive errors, and be closed
/// with the store.
/// </summary>
public sealed class SqliteSearchSessionTests : IDisposable
{
    private const int Dims = 4;
    private readonly TempDirectory _temp = new();

    private string File => Path.Combine(_temp.Path, "store.db");

    public void Dispose() => _temp.Dispose();

    private static async Task WriteAsync(SqliteVectorStore store, string source, string word, int axisShift)
    {
        await store.EnsureCollectionAsync("kb", Dims);
        await store.ReplaceDocumentAsync("kb", new StoredDocument(source, $"sha-{source}-{word}"),
            [.. Enumerable.Range(0, 4).Select(i => Chunk(i, $"{word} passage {i} about leave and pay {source}.", Axis((i + axisShift) % Dims)))]);
    }

    private static HybridQuery Query(string text, int axis) => new() { Text = text, Vector = Axis(axis, 0.1f), TopK = 5 };

    private static string Describe(IReadOnlyList<SearchHit> hits) =>
        string.Join("; ", hits.Select(h => $"{h.Passage.ChunkId}|{h.Passage.Text}|{h.Passage.Score:R}|{h.DenseSimilarity:R}|{h.DenseRank}|{h.KeywordRank}"));

    [Fact]
    public async Task A_reused_session_answers_every_query_as_a_fresh_store_does()
    {
        using (var writer = new SqliteVectorStore(File))
        {
            await WriteAsync(writer, "a.md", "Annual", 0);
            await WriteAsync(writer, "b.md", "Sick", 1);
        }

        string[] texts = ["leave", "pay passage", "annual leave", "sick", "nothing matches here", "the ... of", "passage 3 about"];
        using var reused = new SqliteVectorStore(File);
        for (var round = 0; round < 3; round++)
        {
            foreach (var (text, i) in texts.Select((t, i) => (t, i)))
            {
                using var fresh = new SqliteVectorStore(File);
                foreach (var query in new[] { Query(text, i % Dims), Query(text, i % Dims) with { TopK = 20 }, Query(text, i % Dims) with { SourceFilter = new HashSet<string> { "b.md" } } })
                {
                    var expected = await fresh.SearchAsync("kb", query);
                    var actual = await reused.SearchAsync("kb", query);
                    Assert.Equal(Describe(expected), Describe(actual));
                }
            }
        }

        Assert.Equal(1, reused.IdleSearchSessions);
    }

    [Fact]
    public async Task Each_row_limit_keeps_one_compiled_ranking_and_limits_past_the_bound_get_their_own()
    {
        using var store = new SqliteVectorStore(File);
        await WriteAsync(store, "a.md", "Annual", 0);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File }.ToString());
        await connection.OpenAsync();
        using var session = new SqliteSearchSession(connection);
        var first = session.Keyword(50, out var owned);
        Assert.False(owned);
        Assert.Same(first, session.Keyword(50, out _));
        Assert.EndsWith("LIMIT 50", first.CommandText, StringComparison.Ordinal);
        for (var limit = 51; limit < 50 + SqliteSearchSession.MaxKeywordLimits; limit++)
        {
            session.Keyword(limit, out owned);
            Assert.False(owned);
        }

        using var extra = session.Keyword(400, out owned);
        Assert.True(owned);
        Assert.NotSame(extra, session.Keyword(400, out _));
    }

    [Fact]
    public async Task A_kept_session_sees_what_another_store_commits_on_the_same_file()
    {
        using var reader = new SqliteVectorStore(File);
        using var writer = new SqliteVectorStore(File);
        await WriteAsync(writer, "a.md", "Old", 0);
        var before = await reader.SearchAsync("kb", Query("passage", 0));
        await WriteAsync(writer, "a.md", "New", 2);
        var after = await reader.SearchAsync("kb", Query("passage", 0));

        Assert.All(before, h => Assert.StartsWith("Old", h.Passage.Text, StringComparison.Ordinal));
        Assert.All(after, h => Assert.StartsWith("New", h.Passage.Text, StringComparison.Ordinal));
        Assert.Equal(1, reader.IdleSearchSessions);
    }

    [Fact]
    public async Task A_failed_search_closes_its_session_and_the_next_one_works()
    {
        using var store = new SqliteVectorStore(File);
        await WriteAsync(store, "a.md", "Annual", 0);
        await store.SearchAsync("kb", Query("leave", 0));
        Assert.Equal(1, store.IdleSearchSessions);

        var ex = await Assert.ThrowsAsync<StoreException>(() => store.SearchAsync("kb", new HybridQuery { Text = "leave", Vector = [1, 0], TopK = 3 }));
        Assert.Contains("dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.IdleSearchSessions);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SearchAsync("kb", Query("leave", 0), cancelled.Token));

        var hits = await store.SearchAsync("kb", Query("leave", 0));
        Assert.NotEmpty(hits);
        Assert.Equal(1, store.IdleSearchSessions);
    }

    [Fact]
    public async Task Concurrent_searches_each_get_a_session_and_at_most_the_bound_stay_idle()
    {
        using var store = new SqliteVectorStore(File);
        await WriteAsync(store, "a.md", "Annual", 0);
        var expected = Describe(await store.SearchAsync("kb", Query("leave pay", 1)));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.SearchAsync("kb", Query("leave pay", 1)))));

        Assert.All(results, r => Assert.Equal(expected, Describe(r)));
        Assert.InRange(store.IdleSearchSessions, 1, SqliteVectorStore.MaxIdleSearchSessions);
    }

    [Fact]
    public async Task Disposing_the_store_closes_its_sessions_and_frees_the_file()
    {
        var store = new SqliteVectorStore(File);
        await WriteAsync(store, "a.md", "Annual", 0);
        await store.SearchAsync("kb", Query("leave", 0));
        Assert.Equal(1, store.IdleSearchSessions);
        store.Dispose();
        Assert.Equal(0, store.IdleSearchSessions);

        // No connection is left on the file: an exclusive lock can be taken at once.
        using var exclusive = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false, DefaultTimeout = 1 }.ToString());
        exclusive.Open();
        using var command = exclusive.CreateCommand();
        command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;";
        command.ExecuteNonQuery();
    }
}
