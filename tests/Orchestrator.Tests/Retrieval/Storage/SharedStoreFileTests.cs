using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Retrieval.Storage.StoreTestData;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// Two stores on one SQLite file, as two <c>serve</c> processes (or <c>serve</c> and <c>orchestrator ingest</c>) share it:
/// one replaces documents over and over while the other searches. Each store has its own connection pool (a different
/// busy timeout makes a different connection string), so they meet only in the file's locks, as two processes do. No
/// search fails, none sees a document half written, and the file stays sound. This pins the ops39 walk, which found no
/// defect here; it is not a regression test of a fix.
/// </summary>
public sealed class SharedStoreFileTests
{
    [Fact]
    public async Task One_store_writing_while_another_searches_the_same_file_never_fails_or_shows_half_a_document()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "store.db");
        using var writer = new SqliteVectorStore(file, busyTimeout: TimeSpan.FromSeconds(5));
        using var reader = new SqliteVectorStore(file, busyTimeout: TimeSpan.FromSeconds(6));
        await writer.EnsureCollectionAsync("docs", 4);
        await writer.ReplaceDocumentAsync("docs", new StoredDocument("a.md", "v0"), Version(0));
        var query = new HybridQuery { Text = "giraffe", Vector = Axis(0), TopK = 10 };

        var writing = Task.Run(async () =>
        {
            for (var version = 1; version <= 40; version++)
            {
                await writer.ReplaceDocumentAsync("docs", new StoredDocument("a.md", "v" + version), Version(version));
            }
        });
        do
        {
            var hits = await reader.SearchAsync("docs", query);
            Assert.Equal(3, hits.Count); // every chunk of one version, never a mix or a gap
            Assert.Single(hits.Select(h => h.Passage.Text.Split(' ')[^1]).Distinct());
        }
        while (!writing.IsCompleted);

        await writing;
        Assert.Equal(3, await reader.CountAsync("docs"));
        Assert.Equal("v40", await reader.GetDocumentFingerprintAsync("docs", "a.md"));
    }

    private static List<ChunkRecord> Version(int version) =>
        [.. Enumerable.Range(0, 3).Select(i => Chunk(i, $"Giraffe fact {i} of version{version}", Axis(0, 0.1f * i)))];
}
