using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The conformance suite against the embedded store, always run.</summary>
public sealed class SqliteVectorStoreConformanceTests : VectorStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override IVectorStore OpenStore() => new SqliteVectorStore(Path.Combine(_temp.Path, "sub", "store.db"));

    // Each test has its own file, removed with the folder.
    protected override Task DeleteCollectionAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}
