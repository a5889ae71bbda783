using System.Net;
using System.Net.Sockets;
using Orchestrator.Agents;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The real Qdrant client against a loopback port where nothing listens: failures must say what to do.</summary>
public sealed class QdrantVectorStoreTests
{
    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task An_unreachable_server_gives_a_store_exception_naming_the_url_and_the_fix()
    {
        var url = ClosedPort();
        using var store = new QdrantVectorStore(new QdrantStoreOptions { Url = url, ApiKey = "do-not-log-me", Timeout = TimeSpan.FromSeconds(5) });

        var count = await Assert.ThrowsAsync<StoreException>(() => store.CountAsync("kb"));
        var ensure = await Assert.ThrowsAsync<StoreException>(() => store.EnsureCollectionAsync("kb", 4));

        foreach (var ex in new[] { count, ensure })
        {
            Assert.Contains(url.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.Contains("docker compose up -d qdrant", ex.Message, StringComparison.Ordinal);
            Assert.Contains("store.url", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("do-not-log-me", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_runtime_builds_the_configured_store()
    {
        var qdrant = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml", Store = new StoreConfig { Provider = StoreProviders.Qdrant, Url = "http://qdrant:6334" } };
        var sqlite = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml" };

        using var q = Assert.IsType<QdrantVectorStore>(OrchestratorRuntime.CreateStore(qdrant));
        using var s = Assert.IsType<SqliteVectorStore>(OrchestratorRuntime.CreateStore(sqlite));

        Assert.Equal(new Uri("http://qdrant:6334"), q.Url);
        Assert.Equal(Path.GetFullPath("/cfg/.orchestrator/store.db"), s.DatabaseFile);
    }
}
