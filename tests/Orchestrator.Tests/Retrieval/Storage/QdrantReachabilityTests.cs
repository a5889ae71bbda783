using System.Diagnostics.Metrics;
using Orchestrator.Retrieval.Storage;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// <c>orchestrator_dependency_up{dependency="qdrant"}</c> and the failures counter follow the store's own calls through the
/// real Qdrant.Client: up after the (fake) server answered, down and counted after a call to a closed loopback port. No live
/// Qdrant runs here; what a real server's outage looks like to the client (Unavailable, DeadlineExceeded) is assumed the same.
/// </summary>
public sealed class QdrantReachabilityTests
{
    [Fact]
    public async Task A_call_to_a_closed_port_reads_down_and_is_counted_and_no_call_yet_shows_no_series()
    {
        using var nowhere = new ClosedPort();
        using var meter = new Meter("test.dependency." + Guid.NewGuid().ToString("N"));
        var metrics = new DependencyMetrics(meter);
        using var reader = new DependencyMetricsReader(meter);
        var store = new QdrantVectorStore(Options(new Uri($"http://127.0.0.1:{nowhere.Port}")), loggerFactory: null, timeProvider: null, metrics);
        Assert.Empty(reader.Up(DependencyMetrics.Qdrant)); // nothing known before the first call

        var error = await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("docs"));
        await Assert.ThrowsAsync<StoreException>(() => store.SearchAsync("docs", new HybridQuery { Text = "vacation", Vector = new float[4] }));

        Assert.Contains("Cannot reach Qdrant", error.Message, StringComparison.Ordinal);
        Assert.Equal([0], reader.Up(DependencyMetrics.Qdrant));
        Assert.Equal(2, reader.Failures(QdrantReachability.Store, DependencyMetrics.Qdrant));
        Assert.Empty(reader.Up(DependencyMetrics.Redis));
        store.Dispose();
        Assert.Empty(reader.Up(DependencyMetrics.Qdrant)); // a disposed store leaves no series behind
    }

    [Fact]
    public async Task A_call_the_server_answered_reads_up_and_its_outage_then_reads_down()
    {
        var server = new FakeQdrantServer();
        using var meter = new Meter("test.dependency." + Guid.NewGuid().ToString("N"));
        var metrics = new DependencyMetrics(meter);
        using var reader = new DependencyMetricsReader(meter);
        using var store = new QdrantVectorStore(Options(server.Url), loggerFactory: null, timeProvider: null, metrics);

        Assert.Equal(0, await store.CountAsync("missing")); // an answer, even "no such collection", means reachable
        Assert.Equal([1], reader.Up(DependencyMetrics.Qdrant));

        await server.DisposeAsync();
        await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("missing"));

        Assert.Equal([0], reader.Up(DependencyMetrics.Qdrant));
        Assert.Equal(1, reader.Failures(QdrantReachability.Store, DependencyMetrics.Qdrant));
    }

    private static QdrantStoreOptions Options(Uri url) => new() { Url = url, CollectionPrefix = "reach_", Timeout = TimeSpan.FromSeconds(10) };
}
