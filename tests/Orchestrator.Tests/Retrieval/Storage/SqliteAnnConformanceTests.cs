using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>
/// The conformance suite against the embedded store with its approximate graph forced on (every
/// collection of one chunk or more, built on the searching thread), so the HNSW path answers what
/// the exact scan answers in <see cref="SqliteVectorStoreConformanceTests"/>.
/// </summary>
public sealed class SqliteAnnConformanceTests : VectorStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override IVectorStore OpenStore() =>
        new SqliteVectorStore(Path.Combine(_temp.Path, "sub", "store.db"), new AnnIndexOptions { MinChunks = 1, BuildInline = true });

    protected override Task DeleteCollectionAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}
