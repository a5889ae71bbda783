using Cloud.Unum.USearch;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// One HNSW graph (USearch) over a collection's vectors, keyed by chunk primary key. Searches hold a
/// lease, so a graph replaced by a newer one is freed only when its last search has returned: the
/// native index must never be disposed under a running search.
/// </summary>
internal sealed class AnnGraph : IDisposable
{
    /// <summary>Edges per node; USearch's default, and the probe's setting.</summary>
    internal const int Connectivity = 16;

    /// <summary>Beam width while adding; wider than the search beam, for a better graph.</summary>
    internal const int ExpansionAdd = 128;

    /// <summary>Vectors per native add call: one capacity reservation each, instead of one per vector.</summary>
    private const int AddBatch = 4096;

    private readonly Lock _gate = new();
    private readonly USearchIndex _native;
    private int _leases;
    private bool _retired;
    private bool _freed;

    private AnnGraph(USearchIndex native, int count)
    {
        _native = native;
        Count = count;
    }

    public int Count { get; }

    /// <summary>A new graph over every row of <paramref name="index"/>.</summary>
    public static AnnGraph Build(DenseIndex index, Func<int, USearchIndex> newNative, CancellationToken cancellationToken)
    {
        var native = newNative(index.Dimensions);
        try
        {
            for (var start = 0; start < index.Count; start += AddBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var size = Math.Min(AddBatch, index.Count - start);
                var keys = new ulong[size];
                var vectors = new float[size][];
                for (var i = 0; i < size; i++)
                {
                    keys[i] = (ulong)index.Keys[start + i];
                    vectors[i] = index.Vector(start + i).ToArray();
                }

                native.Add(keys, vectors);
            }

            return new AnnGraph(native, index.Count);
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    /// <summary>The USearch index the store builds: inner product on its unit vectors, float32.</summary>
    public static USearchIndex NewNative(int dimensions) =>
        new(MetricKind.Ip, ScalarKind.Float32, (ulong)dimensions, Connectivity, ExpansionAdd, expansionSearch: 0);

    /// <summary>A graph saved by <see cref="Save"/>; the caller has checked the file against its metadata.</summary>
    public static AnnGraph Load(string path, int expectedCount, int expectedDimensions)
    {
        var native = new USearchIndex(path, view: false);
        try
        {
            var size = native.Size();
            var dimensions = native.Dimensions();
            if (size != (ulong)expectedCount || dimensions != (ulong)expectedDimensions)
            {
                throw new InvalidDataException($"it holds {size} vectors of {dimensions} dimensions, not {expectedCount} of {expectedDimensions}");
            }

            return new AnnGraph(native, expectedCount);
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    public void Save(string path) => _native.Save(path);

    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    /// <summary>Up to <paramref name="count"/> keys, nearest first by the graph's (approximate) order.</summary>
    public ulong[] Search(float[] query, int count)
    {
        _native.Search(query, count, out var keys, out _);
        return keys;
    }

    public void Release()
    {
        lock (_gate)
        {
            _leases--;
            FreeIfIdle();
        }
    }

    /// <summary>No new searches; freed once the running ones have returned.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _retired = true;
            FreeIfIdle();
        }
    }

    private void FreeIfIdle()
    {
        if (_retired && _leases == 0 && !_freed)
        {
            _freed = true;
            _native.Dispose();
        }
    }
}
