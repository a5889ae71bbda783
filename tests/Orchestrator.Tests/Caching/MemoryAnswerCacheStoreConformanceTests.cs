using Orchestrator.Caching;

namespace Orchestrator.Tests.Caching;

/// <summary>The answer cache store conformance suite on <see cref="MemoryAnswerCacheStore"/>.</summary>
public sealed class MemoryAnswerCacheStoreConformanceTests : AnswerCacheStoreConformanceTests
{
    internal override (IAnswerCacheStore Writer, IAnswerCacheStore Reader) OpenStores(int maxEntries)
    {
        var store = new MemoryAnswerCacheStore(maxEntries);
        return (store, store);
    }
}
