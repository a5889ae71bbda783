using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Retrieval.Storage.StoreTestData;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// The store file deleted while a process uses it (an operator's <c>rm</c>, a cleanup job). Before the fix, searches went on
/// answering from pooled connections to the deleted file, and the next new connection created an empty file in its place
/// ("no such table: chunks" from then on, and a restart served an empty store).
/// </summary>
public sealed class SqliteStoreFileDeletedTests
{
    [Fact]
    public async Task A_deleted_store_file_is_refused_with_the_way_back_and_nothing_is_created_in_its_place()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, ".orchestrator", "store.db");
        using var store = new SqliteVectorStore(file);
        await store.EnsureCollectionAsync("docs", 4);
        await store.ReplaceDocumentAsync("docs", new StoredDocument("a.md", "sha-a"), [Chunk(0, "Giraffes are tall.", Axis(0))]);
        var query = new HybridQuery { Text = "giraffes", Vector = Axis(0) };
        Assert.NotEmpty(await store.SearchAsync("docs", query)); // a search session now holds the file open
        Assert.False(store.IsFileMissing);

        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(file)!, "store.db*"))
        {
            File.Delete(path);
        }

        var search = await Assert.ThrowsAsync<StoreException>(() => store.SearchAsync("docs", query));
        var count = await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("docs"));

        Assert.True(store.IsFileMissing);
        Assert.Contains("deleted or moved", search.Message, StringComparison.Ordinal);
        Assert.Contains("restart", count.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file)); // no empty store was created in its place
    }

    [Fact]
    public async Task A_store_that_never_opened_its_file_creates_it_as_before()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "new", "store.db");
        using var store = new SqliteVectorStore(file);

        Assert.False(store.IsFileMissing); // not opened yet: a missing file is a new store, not a lost one
        Assert.Equal(0, await store.CountAsync("docs"));
        Assert.True(File.Exists(file));
    }
}
