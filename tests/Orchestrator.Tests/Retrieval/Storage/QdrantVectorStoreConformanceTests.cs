using Orchestrator.Retrieval.Storage;
using Qdrant.Client;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// The conformance suite against a live Qdrant, run only when QDRANT_URL names one (gRPC port);
/// collections get a test prefix and are deleted afterwards.
/// </summary>
[RequiresEnvironment(UrlVariable, "QDRANT_URL is not set: start Qdrant (docker compose up -d qdrant) and set QDRANT_URL=http://localhost:6334 to run")]
public sealed class QdrantVectorStoreConformanceTests : VectorStoreConformanceTests
{
    public const string UrlVariable = "QDRANT_URL";
    private const string Prefix = "orchestrator_test_";

    private static Uri Url => new(Environment.GetEnvironmentVariable(UrlVariable)!);

    protected override IVectorStore OpenStore() => new QdrantVectorStore(new QdrantStoreOptions
    {
        Url = Url,
        ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY"),
        CollectionPrefix = Prefix,
    });

    protected override async Task DeleteCollectionAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UrlVariable)))
        {
            return;
        }

        using var client = new QdrantClient(Url, Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
        if (await client.CollectionExistsAsync(Prefix + Collection))
        {
            await client.DeleteCollectionAsync(Prefix + Collection);
        }
    }
}
