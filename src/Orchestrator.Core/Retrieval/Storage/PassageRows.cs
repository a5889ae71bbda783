using System.Collections.Concurrent;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// The passages (text, citation fields and decoded sentence vectors) of one dense-index generation,
/// by chunk key, as loaded for earlier searches. A search's top passages were a SQLite query plus a
/// decode of every sentence vector per request (about a fifth of a served request's allocations,
/// docs/benchmarks.md "perf18"); a chunk row never changes within a generation, so they are kept
/// here and dropped with the index when the generation moves on. Bounded, so a big collection
/// holds only the passages its searches returned first, not all of them.
/// </summary>
internal sealed class PassageRows(int capacity)
{
    /// <summary>
    /// Enough for every chunk of a small knowledge base. Worst case per collection: about 2,048 × (text +
    /// ~5 sentence vectors of 384 floats) ≈ 20 MB; the sample's 158 chunks take well under 2 MB.
    /// </summary>
    public const int DefaultCapacity = 2048;

    private readonly ConcurrentDictionary<long, Passage> _byKey = new();

    public int Count => _byKey.Count;

    public bool TryGet(long key, out Passage passage) => _byKey.TryGetValue(key, out passage!);

    /// <summary>Keeps a passage unless the cache is full; concurrent adds may pass the bound by a few.</summary>
    public void Add(long key, Passage passage)
    {
        if (_byKey.Count < capacity)
        {
            _byKey.TryAdd(key, passage);
        }
    }
}
