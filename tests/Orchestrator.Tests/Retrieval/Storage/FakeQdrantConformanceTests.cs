using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using Qdrant.Client;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// The conformance suite against <see cref="QdrantVectorStore"/> and the real Qdrant.Client, talking
/// gRPC over loopback to <see cref="FakeQdrantServer"/>. It checks our requests, data layout and
/// replace logic offline; Qdrant's own behaviour is only checked by the live-server suite.
/// </summary>
public sealed class FakeQdrantConformanceTests(FakeQdrantFixture fixture) : VectorStoreConformanceTests, IClassFixture<FakeQdrantFixture>
{
    private const string Prefix = "test_";

    protected override IVectorStore OpenStore() => new QdrantVectorStore(new QdrantStoreOptions { Url = fixture.Server.Url, CollectionPrefix = Prefix, Timeout = TimeSpan.FromSeconds(10) });

    protected override async Task DeleteCollectionAsync()
    {
        using var client = new QdrantClient(fixture.Server.Url);
        if (await client.CollectionExistsAsync(Prefix + Collection))
        {
            await client.DeleteCollectionAsync(Prefix + Collection);
        }
    }
}

public sealed class FakeQdrantFixture : IAsyncDisposable
{
    public FakeQdrantServer Server { get; } = new();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
