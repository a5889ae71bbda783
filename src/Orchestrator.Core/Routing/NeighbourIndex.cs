using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// Brute-force cosine nearest neighbours over unit vectors kept in one contiguous array, so a
/// query is one pass of SIMD dot products with no allocation.
/// </summary>
internal sealed class NeighbourIndex
{
    private readonly float[] _vectors;
    private readonly int _dimensions;

    public NeighbourIndex(float[] vectors, int dimensions)
    {
        _vectors = vectors;
        _dimensions = dimensions;
        Count = dimensions == 0 ? 0 : vectors.Length / dimensions;
    }

    public int Count { get; }

    public float[] Vectors => _vectors;

    public static NeighbourIndex Build(float[][] vectors, IEnumerable<int> rows, int dimensions)
    {
        var list = rows.ToList();
        var flat = new float[list.Count * dimensions];
        for (var k = 0; k < list.Count; k++)
        {
            vectors[list[k]].CopyTo(flat, k * dimensions);
        }

        return new NeighbourIndex(flat, dimensions);
    }

    /// <summary>
    /// Mean cosine similarity of the <paramref name="k"/> nearest vectors; 0 when the index is empty.
    /// </summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k)
    {
        if (Count == 0)
        {
            return 0f;
        }

        k = Math.Clamp(k, 1, Count);
        Span<float> best = stackalloc float[k];
        best.Fill(float.NegativeInfinity);
        for (var i = 0; i < Count; i++)
        {
            var s = TensorPrimitives.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            if (s <= best[k - 1])
            {
                continue;
            }

            // Insertion into the small sorted list of the best k, largest first.
            var j = k - 1;
            while (j > 0 && best[j - 1] < s)
            {
                best[j] = best[j - 1];
                j--;
            }

            best[j] = s;
        }

        return TensorPrimitives.Sum(best) / k;
    }
}
