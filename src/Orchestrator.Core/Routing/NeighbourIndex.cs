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

    public NeighbourIndex(float[] vectors, int dimensions, int[]? groupStarts = null)
    {
        _vectors = vectors;
        _dimensions = dimensions;
        Count = dimensions == 0 ? 0 : vectors.Length / dimensions;
        GroupStarts = groupStarts ?? [0, Count];
    }

    /// <summary>Rows are stored grouped by route: group g is rows [GroupStarts[g], GroupStarts[g + 1]).</summary>
    public int[] GroupStarts { get; }

    public int Count { get; }

    public float[] Vectors => _vectors;

    /// <param name="groups">When given, the group (route) of every vector; rows are stored grouped.</param>
    public static NeighbourIndex Build(float[][] vectors, IEnumerable<int> rows, int dimensions, int[]? groups = null, int groupCount = 1)
    {
        var list = rows.ToList();
        if (groups is not null)
        {
            list = list.OrderBy(i => groups[i]).ThenBy(i => i).ToList();
        }

        var flat = new float[list.Count * dimensions];
        var starts = new int[groupCount + 1];
        for (var k = 0; k < list.Count; k++)
        {
            vectors[list[k]].CopyTo(flat, k * dimensions);
            starts[(groups?[list[k]] ?? 0) + 1]++;
        }

        for (var g = 0; g < groupCount; g++)
        {
            starts[g + 1] += starts[g];
        }

        return new NeighbourIndex(flat, dimensions, starts);
    }

    /// <summary>Like <see cref="MeanTopSimilarity(ReadOnlySpan{float}, int)"/> but over one group only.</summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k, int group) =>
        group + 1 < GroupStarts.Length
            ? MeanTopSimilarity(query, k, GroupStarts[group], GroupStarts[group + 1])
            : 0f;

    /// <summary>
    /// Mean cosine similarity of the <paramref name="k"/> nearest vectors; 0 when the index is empty.
    /// </summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k) => MeanTopSimilarity(query, k, 0, Count);

    private float MeanTopSimilarity(ReadOnlySpan<float> query, int k, int from, int to)
    {
        if (to <= from)
        {
            return 0f;
        }

        k = Math.Clamp(k, 1, to - from);
        Span<float> best = stackalloc float[k];
        best.Fill(float.NegativeInfinity);
        for (var i = from; i < to; i++)
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
