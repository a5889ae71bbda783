using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// The SQLite store's exact dense ranking keeps only the best rows in a bounded heap; it must give
/// exactly the order a full sort gives (score descending, ties by lower key, NaN last).
/// </summary>
public sealed class DenseIndexTopTests
{
    private const int Dimensions = 8;

    [Theory]
    [InlineData(1, 0)]
    [InlineData(5, 1)]
    [InlineData(40, 2)]
    [InlineData(500, 3)]
    [InlineData(2_000, 4)]
    public void Top_matches_a_full_sort_with_ties_nan_and_filters(int limit, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<(long Key, string Source, byte[] Vector)>();
        for (var i = 0; i < 1_000; i++)
        {
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (float)Math.Round(rng.NextDouble() * 2 - 1, 1); // coarse values: many exact ties
            }

            if (i % 97 == 0)
            {
                vector[0] = float.NaN;
            }

            rows.Add((rng.NextInt64(1, 1_000_000), $"doc{i % 7}.md", MemoryMarshal.AsBytes(vector.AsSpan()).ToArray()));
        }

        rows = rows.DistinctBy(r => r.Key).OrderBy(r => r.Key).ToList();
        var index = new DenseIndex(1, Dimensions, rows);
        var query = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            query[d] = (float)Math.Round(rng.NextDouble(), 1);
        }

        foreach (var sources in new IReadOnlyCollection<string>?[] { null, new HashSet<string> { "doc1.md", "doc4.md" }, new HashSet<string>() })
        {
            var expected = Reference(rows, query, limit, sources);
            Assert.Equal(expected, index.Top(query, limit, sources));
        }
    }

    [Fact]
    public void Empty_index_and_non_positive_limits_give_nothing()
    {
        var empty = new DenseIndex(1, Dimensions, []);
        Assert.Empty(empty.Top(new float[Dimensions], 10, null));
        var one = new DenseIndex(1, Dimensions, [(1, "a.md", new byte[Dimensions * sizeof(float)])]);
        Assert.Empty(one.Top(new float[Dimensions], 0, null));
        Assert.Empty(one.Top(new float[Dimensions], -3, null));
    }

    private static List<long> Reference(List<(long Key, string Source, byte[] Vector)> rows, float[] query, int limit, IReadOnlyCollection<string>? sources) =>
        rows.Where(r => sources is null || sources.Contains(r.Source))
            .Select(r => (r.Key, Score: TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(r.Vector), query)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Key).Take(limit).Select(s => s.Key).ToList();
}
