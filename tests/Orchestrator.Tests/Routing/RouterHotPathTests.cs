using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The request path's cheaper forms compute exactly what the plain forms did: the n-gram
/// features counted by sorting instead of a dictionary, and the likeliest routes' and the best
/// route's neighbour similarity from one scan.
/// </summary>
public sealed class RouterHotPathTests
{
    private const int Buckets = 1 << 15;

    [Theory]
    [InlineData("How many vacation days do I get? How many?")]
    [InlineData("aaa aaa aaa aaaa bbb")]
    [InlineData("the the the the the the the the the the the the")]
    [InlineData("Über straße 12345 ÄÖÜ x y z")]
    public void Ngram_counts_and_values_match_a_dictionary_count(string text)
    {
        var features = CharNgrams.Extract(text, Buckets);
        var reference = ReferenceExtract(text, Buckets);

        Assert.Equal(reference.Indices, features.Indices);
        Assert.Equal(reference.Values, features.Values);
    }

    [Fact]
    public void Ngram_features_of_many_words_fill_past_the_first_buffer()
    {
        // 200 distinct long words give far more than the first pooled buffer's 256 n-grams.
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i:D4}abcdefghijklmnopqrstuvwxyz"));

        var features = CharNgrams.Extract(text, Buckets);

        Assert.Equal(ReferenceExtract(text, Buckets).Indices, features.Indices);
    }

    [Fact]
    public void One_scan_gives_the_union_and_the_first_group_as_two_scans_did()
    {
        var random = new Random(7);
        const int Dimensions = 8;
        var vectors = Enumerable.Range(0, 40).Select(_ => Unit(random, Dimensions)).ToArray();
        var groups = Enumerable.Range(0, 40).Select(i => i % 5).ToArray();
        var index = NeighbourIndex.Build(vectors, Enumerable.Range(0, 40), Dimensions, groups, 6);
        var query = Unit(random, Dimensions);

        foreach (var k in new[] { 1, 3, 20 })
        {
            int[] top = [3, 1, 4];
            var (union, first) = index.MeanTopSimilarities(query, k, top);

            Assert.Equal(index.MeanTopSimilarity(query, k, top), union);
            Assert.Equal(index.MeanTopSimilarity(query, k, 3), first);
        }

        // Group 5 has no rows: its own similarity is 0, the union's comes from the other groups.
        int[] emptyFirst = [5, 0];
        var (u, f) = index.MeanTopSimilarities(query, 2, emptyFirst);
        Assert.Equal(0f, f);
        Assert.Equal(index.MeanTopSimilarity(query, 2, 0), u);
    }

    private static float[] Unit(Random random, int dimensions)
    {
        var v = Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    /// <summary>The features as first written: word n-grams counted in a dictionary (words read the same way).</summary>
    private static SparseFeatures ReferenceExtract(string text, int buckets)
    {
        var counts = new Dictionary<int, float>();
        var separators = text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray();
        var words = text.Split(separators, StringSplitOptions.RemoveEmptyEntries).Take(256);
        foreach (var raw in words)
        {
            var word = "<" + new string([.. raw.Take(32).Select(char.ToLowerInvariant)]) + ">";
            void Add(string gram, int salt)
            {
                var h = 2166136261u ^ (uint)salt;
                foreach (var c in gram)
                {
                    h = (h ^ (c & 0xFFu)) * 16777619u;
                    h = (h ^ ((uint)c >> 8)) * 16777619u;
                }

                var bucket = (int)(h % (uint)buckets);
                counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
            }

            Add(word, 0);
            for (var n = 3; n <= 5 && n < word.Length; n++)
            {
                for (var start = 0; start + n <= word.Length; start++)
                {
                    Add(word.Substring(start, n), n);
                }
            }
        }

        var indices = counts.Keys.Order().ToArray();
        var values = indices.Select(i => 1f + MathF.Log(counts[i])).ToArray();
        var norm = 0f;
        foreach (var v in values)
        {
            norm += v * v;
        }

        norm = MathF.Sqrt(norm);
        return new SparseFeatures(indices, [.. values.Select(v => v / norm)]);
    }
}
