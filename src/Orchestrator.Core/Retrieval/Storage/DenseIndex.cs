using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// An immutable in-memory copy of one collection's vectors, valid for one store generation.
/// Brute-force dot products over a contiguous matrix are exact and fast enough for tens of
/// thousands of chunks; above <c>store.ann.min_chunks</c> an HNSW graph may be attached
/// (<see cref="TryAttach"/>), whose candidates are re-scored here exactly.
/// </summary>
internal sealed partial class DenseIndex : IDisposable
{
    private readonly float[] _matrix;
    private readonly Dictionary<long, int> _rowByKey;
    private readonly Lock _graphGate = new();
    private AnnGraph? _graph;
    private int _expansionSearch;
    private bool _retired;

    public DenseIndex(long generation, int dimensions, IReadOnlyList<(long Key, string Source, byte[] Vector)> rows)
    {
        Generation = generation;
        Dimensions = dimensions;
        Keys = rows.Select(r => r.Key).ToArray();
        Sources = rows.Select(r => r.Source).ToArray();
        _matrix = new float[rows.Count * dimensions];
        _rowByKey = new Dictionary<long, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var vector = MemoryMarshal.Cast<byte, float>(rows[i].Vector);
            vector[..Math.Min(dimensions, vector.Length)].CopyTo(_matrix.AsSpan(i * dimensions, dimensions));
            _rowByKey[rows[i].Key] = i;
        }
    }

    public long Generation { get; }

    public int Dimensions { get; }

    public long[] Keys { get; }

    public string[] Sources { get; }

    public int Count => Keys.Length;

    /// <summary>Passages loaded for this generation's searches (a row does not change within a generation).</summary>
    public PassageRows Passages { get; } = new(PassageRows.DefaultCapacity);

    /// <summary>Whether an approximate graph answers <see cref="Top"/> now.</summary>
    public bool HasGraph => Volatile.Read(ref _graph) is not null;

    public ReadOnlySpan<float> Vector(int row) => _matrix.AsSpan(row * Dimensions, Dimensions);

    public float Similarity(int row, ReadOnlySpan<float> query) =>
        TensorPrimitives.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query);

    public float? SimilarityOf(long key, ReadOnlySpan<float> query) =>
        _rowByKey.TryGetValue(key, out var row) ? Similarity(row, query) : null;

    /// <summary>
    /// The best <paramref name="limit"/> rows by dot product, best first (ties: lower key first),
    /// optionally only from some sources. A bounded heap keeps only the current best rows, so a
    /// query costs one pass of dot products instead of sorting every row of the collection.
    /// </summary>
    public IReadOnlyList<long> Top(ReadOnlySpan<float> query, int limit, IReadOnlyCollection<string>? sources)
    {
        if (limit <= 0)
        {
            return [];
        }

        if (Volatile.Read(ref _graph) is { } graph && TopFromGraph(graph, query, limit, sources) is { } approximate)
        {
            return approximate;
        }

        return ExactTop(query, limit, sources);
    }

    /// <summary>The exact ranking, whatever graph is attached (benchmarks compare the two).</summary>
    public IReadOnlyList<long> ExactTop(ReadOnlySpan<float> query, int limit, IReadOnlyCollection<string>? sources)
    {
        if (limit <= 0)
        {
            return [];
        }

        var best = new PriorityQueue<long, (float Score, long Key)>(Math.Min(limit, Count) + 1, WorstFirst.Instance);
        for (var row = 0; row < Count; row++)
        {
            if (sources is null || sources.Contains(Sources[row]))
            {
                var candidate = (Similarity(row, query), Keys[row]);
                if (best.Count < limit)
                {
                    best.Enqueue(Keys[row], candidate);
                }
                else
                {
                    best.EnqueueDequeue(Keys[row], candidate);
                }
            }
        }

        var result = new long[best.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = best.Dequeue();
        }

        return result;
    }

    /// <summary>Orders the heap so its top is the row to drop first: lowest score (NaN lowest of all), then highest key.</summary>
    private sealed class WorstFirst : IComparer<(float Score, long Key)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, long Key) x, (float Score, long Key) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Key.CompareTo(x.Key);
        }
    }
}
