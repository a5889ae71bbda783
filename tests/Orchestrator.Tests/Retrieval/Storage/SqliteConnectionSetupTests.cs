using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The busy timeout is set once per pooled SQLite connection, not per store call, and must still hold on every call.</summary>
public sealed class SqliteConnectionSetupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Every_call_on_a_pooled_connection_keeps_the_configured_busy_timeout()
    {
        using var store = new SqliteVectorStore(Path.Combine(_temp.Path, "new", "folder", "store.db"), busyTimeout: TimeSpan.FromMilliseconds(7_250));
        await store.EnsureCollectionAsync("docs", 3);
        for (var call = 0; call < 5; call++)
        {
            Assert.Equal(7_250, await store.BusyTimeoutOfPooledConnectionAsync());
        }
    }

    [Fact]
    public async Task Two_stores_on_one_file_each_keep_their_own_busy_timeout()
    {
        var path = Path.Combine(_temp.Path, "shared.db");
        using var patient = new SqliteVectorStore(path, busyTimeout: TimeSpan.FromSeconds(9));
        using var impatient = new SqliteVectorStore(path, busyTimeout: TimeSpan.FromMilliseconds(100));
        await patient.EnsureCollectionAsync("docs", 3);
        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(9_000, await patient.BusyTimeoutOfPooledConnectionAsync());
            Assert.Equal(100, await impatient.BusyTimeoutOfPooledConnectionAsync());
        }
    }

    [Fact]
    public async Task Stores_that_share_pooled_connections_still_each_get_their_own_busy_timeout()
    {
        // 9.0 s and 9.5 s give the same connection string (whole seconds), so both stores draw on one pool.
        var path = Path.Combine(_temp.Path, "pooled.db");
        using var first = new SqliteVectorStore(path, busyTimeout: TimeSpan.FromMilliseconds(9_000));
        using var second = new SqliteVectorStore(path, busyTimeout: TimeSpan.FromMilliseconds(9_500));
        await first.EnsureCollectionAsync("docs", 3);
        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(9_000, await first.BusyTimeoutOfPooledConnectionAsync());
            Assert.Equal(9_500, await second.BusyTimeoutOfPooledConnectionAsync());
        }
    }

    public void Dispose() => _temp.Dispose();
}
