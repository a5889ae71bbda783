using System.Numerics.Tensors;
using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The hashed character n-gram features that the router's head reads beside the embedding, and
/// the out-of-scope threshold's cap on rejecting correctly routed in-scope traffic.
/// </summary>
public sealed class CharNgramFeaturesTests
{
    private const int Buckets = 1 << 15;

    [Fact]
    public void The_buckets_are_the_same_in_every_process()
    {
        // "<hi>" as a word and its two 3-grams, by FNV-1a (computed independently). A per-process
        // randomised hash (string.GetHashCode) would give other buckets, and a cached model
        // would then read the wrong weights after a restart.
        var features = CharNgrams.Extract("Hi", Buckets);

        Assert.Equal([9939, 18390, 26265], features.Indices);
    }

    [Fact]
    public void Features_are_sorted_unique_and_unit_length()
    {
        var features = CharNgrams.Extract("How many vacation days do I get? How many?", Buckets);

        Assert.Equal(features.Indices.Order().Distinct(), features.Indices);
        Assert.Equal(1f, MathF.Sqrt(TensorPrimitives.Dot(features.Values, features.Values)), 4);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!... --- ###")]
    public void Text_without_words_has_no_features(string? text) => Assert.Equal(0, CharNgrams.Extract(text, Buckets).Count);

    [Fact]
    public void Huge_and_hostile_text_costs_a_bounded_number_of_finite_features()
    {
        string[] texts =
        [
            new string('a', 1_000_000),
            string.Join(' ', Enumerable.Range(0, 100_000).Select(i => $"w{i}")),
            "\u0000\u0007 \uD83D\uDE00 \uD800 ÄÖÜß 日本語 \u202E" + new string('\uFFFF', 40),
        ];

        foreach (var text in texts)
        {
            var features = CharNgrams.Extract(text, Buckets);
            Assert.InRange(features.Count, 1, 256 * 100);
            Assert.All(features.Values, v => Assert.True(float.IsFinite(v) && v > 0));
            Assert.All(features.Indices, i => Assert.InRange(i, 0, Buckets - 1));
        }
    }

    [Fact]
    public void A_misspelt_word_shares_most_of_its_features_with_the_right_one()
    {
        var right = CharNgrams.Extract("vacation", Buckets);
        var typo = CharNgrams.Extract("vacaton", Buckets);
        var other = CharNgrams.Extract("password", Buckets);

        Assert.True(Cosine(right, typo) > 0.4, $"typo {Cosine(right, typo)}");
        Assert.True(Cosine(right, other) < 0.1, $"other {Cosine(right, other)}");
    }

    [Fact]
    public void The_cap_lowers_a_threshold_that_would_reject_more_correct_in_scope_rows_than_allowed()
    {
        // Ten correctly routed rows scored 0.1 .. 1.0 and a balanced threshold of 0.55 that rejects
        // five of them. A cap of 10 % lets it reject one at most.
        var scores = Enumerable.Range(1, 10).Select(i => i / 10f).ToArray();
        var correct = Enumerable.Repeat(true, 10).ToArray();

        var capped = Calibration.CappedThreshold(0.55f, scores, correct, 0.1);

        Assert.Equal(1, scores.Count(s => s < capped));
        Assert.Equal(0.55f, Calibration.CappedThreshold(0.55f, scores, correct, 0.6));
        Assert.Equal(0.55f, Calibration.CappedThreshold(0.55f, scores, correct, 0));
    }

    [Fact]
    public async Task The_router_reads_the_text_and_a_fit_without_buckets_reads_the_embedding_alone()
    {
        var set = new RouterTrainingSet(
            [
                new RouteExamples("orders", ["Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet"]),
                new RouteExamples("returns", ["How long do I have to return an item?", "can I get a refund", "what is the return window"]),
            ],
            ["what's the weather tomorrow", "tell me a joke", "who won the football match"]);
        var options = new SemanticRouterOptions { Folds = 3 };
        var withNgrams = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, options);
        var without = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, options with { CharNgramBuckets = 0 });
        const string Text = "has my order shipped";
        var vector = (await SharedEmbedder.Instance.GenerateAsync([Text]))[0].Vector.ToArray();

        var routed = await withNgrams.RouteAsync(Text);
        var byText = withNgrams.Decide(vector, Text);
        var byVector = withNgrams.Decide(vector);

        Assert.Equal(routed.Confidence, byText.Confidence);
        Assert.NotEqual(byText.Confidence, byVector.Confidence);
        Assert.Equal(without.Decide(vector).Confidence, without.Decide(vector, Text).Confidence);
    }

    private static float Cosine(SparseFeatures a, SparseFeatures b)
    {
        var sum = 0f;
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a.Indices[i] == b.Indices[j])
            {
                sum += a.Values[i++] * b.Values[j++];
            }
            else if (a.Indices[i] < b.Indices[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
