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

    /// <summary>Mean cosine similarity of the <paramref name="k"/> nearest vectors; 0 when the index is empty.</summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k)
    {
        Span<int> everything = [-1];
        return MeanTopSimilarity(query, k, everything);
    }

    /// <summary>The same over one group (route) only.</summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k, int group)
    {
        Span<int> one = [group];
        return MeanTopSimilarity(query, k, one);
    }

    /// <summary>
    /// The same over the union of <paramref name="groups"/> (-1 meaning every row). Searching only
    /// the head's likeliest routes keeps a request to a few hundred dot products instead of one
    /// per stored example, and the nearest example almost always belongs to one of them.
    /// </summary>
    public float MeanTopSimilarity(ReadOnlySpan<float> query, int k, ReadOnlySpan<int> groups) => MeanTopSimilarities(query, k, groups).Union;

    /// <summary>
    /// The same over the union of <paramref name="groups"/>, and over the first group alone, in one
    /// pass: the request path needs both (the likeliest routes and the best route, which is the
    /// first of them), and scanning the best route twice was a fifth of its dot products.
    /// </summary>
    public (float Union, float First) MeanTopSimilarities(ReadOnlySpan<float> query, int k, ReadOnlySpan<int> groups)
    {
        if (groups.IsEmpty)
        {
            return (0f, 0f);
        }

        Span<float> perGroup = groups.Length <= 64 ? stackalloc float[groups.Length] : new float[groups.Length];
        var union = MeanTopSimilarities(query, k, groups, perGroup);
        return (union, perGroup[0]);
    }

    /// <summary>
    /// As <see cref="MeanTopSimilarities(ReadOnlySpan{float}, int, ReadOnlySpan{int})"/>, and each
    /// group's own mean of its <paramref name="k"/> nearest into <paramref name="perGroup"/>, from the
    /// same dot products. The union is the best k of the groups' best k, so it equals the other overload's.
    /// </summary>
    public float MeanTopSimilarities(ReadOnlySpan<float> query, int k, ReadOnlySpan<int> groups, Span<float> perGroup)
    {
        k = Math.Max(1, k);
        Span<float> union = stackalloc float[k];
        Span<float> best = stackalloc float[k];
        union.Fill(float.NegativeInfinity);
        var seen = 0;
        for (var n = 0; n < groups.Length; n++)
        {
            var g = groups[n];
            var (from, to) = g < 0 ? (0, Count) : g + 1 < GroupStarts.Length ? (GroupStarts[g], GroupStarts[g + 1]) : (0, 0);
            var size = Math.Max(0, to - from);
            seen += size;
            best.Fill(float.NegativeInfinity);
            Accumulate(query, from, to, best);
            perGroup[n] = Mean(best, Math.Min(k, size));
            foreach (var s in best[..Math.Min(k, size)])
            {
                Insert(union, s);
            }
        }

        return Mean(union, Math.Min(k, seen));
    }

    private static float Mean(ReadOnlySpan<float> best, int found) => found == 0 ? 0f : TensorPrimitives.Sum(best[..found]) / found;

    private void Accumulate(ReadOnlySpan<float> query, int from, int to, Span<float> best)
    {
        for (var i = from; i < to; i++)
        {
            var s = TensorPrimitives.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            if (s > best[^1])
            {
                Insert(best, s);
            }
        }
    }

    /// <summary>Insertion into the small sorted list of the best k, largest first (no-op when not among them).</summary>
    private static void Insert(Span<float> best, float s)
    {
        var k = best.Length;
        if (s <= best[k - 1])
        {
            return;
        }

        var j = k - 1;
        while (j > 0 && best[j - 1] < s)
        {
            best[j] = best[j - 1];
            j--;
        }

        best[j] = s;
    }
}
