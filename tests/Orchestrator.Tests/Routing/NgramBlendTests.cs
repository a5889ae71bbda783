using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The head's character n-gram part is reweighted against its embedding part with a weight chosen
/// per fit, jointly with the nearest-example vote, by out-of-fold accuracy on the training rows only
/// (<see cref="NgramBlend"/>; docs/benchmarks.md, "Routing: the n-gram part's weight chosen per fit").
/// </summary>
public sealed class NgramBlendTests
{
    [Fact]
    public void The_pair_with_the_most_rows_right_is_chosen()
    {
        int[] Right(float alpha) => alpha switch
        {
            2f => [5, 9, 7, 7, 7, 7, 7],
            0.5f => [8, 8, 8, 8, 8, 8, 8],
            _ => [6, 6, 6, 6, 6, 6, 6],
        };

        Assert.Equal((2f, NeighbourVote.Weights[1]), NgramBlend.Choose(NgramBlend.Weights, Right));
    }

    [Fact]
    public void Equal_accuracy_keeps_the_head_as_trained_and_the_smallest_vote()
    {
        Assert.Equal((1f, 0f), NgramBlend.Choose(NgramBlend.Weights, _ => [4, 4, 4, 4, 4, 4, 4]));

        // 1.5 and 0.5 tie above 1: the earlier in the order of preference wins, with its smallest vote weight.
        Assert.Equal((1.5f, 2f), NgramBlend.Choose(NgramBlend.Weights, a => a is 1.5f or 0.5f ? [1, 1, 3, 3, 3, 3, 3] : [2, 2, 2, 2, 2, 2, 2]));
        Assert.Equal(1f, NgramBlend.Weights[0]);
    }

    [Fact]
    public void A_reweighted_head_gives_the_embedding_part_plus_the_weighted_ngram_part()
    {
        var head = new SoftmaxHead(2, 2, [1f, 0f, 0f, 1f], [0.1f, -0.1f], 4, [0.5f, -0.5f, 0f, 0f, 0.2f, 0.3f, 0f, 0f], wordBigrams: false);
        var features = new SparseFeatures([0, 2], [1f, 2f]);
        float[] v = [0.6f, 0.8f];
        var embedding = new float[2];
        var full = new float[2];
        head.Logits(v, embedding);
        head.Logits(v, features, full);

        foreach (var weight in new[] { 0f, 0.5f, 2f })
        {
            var scaled = new float[2];
            head.WithNgramWeight(weight).Logits(v, features, scaled);
            var parts = new float[2];
            for (var c = 0; c < 2; c++)
            {
                parts[c] = full[c] - embedding[c];
                Assert.Equal(embedding[c] + (weight * parts[c]), scaled[c], 1e-5f);
            }

            Assert.Equal(NgramBlend.Blend(full, parts, weight), scaled, (x, y) => MathF.Abs(x - y) < 1e-5f);
        }

        Assert.Same(head, head.WithNgramWeight(1f));
        Assert.Equal([0.5f, -0.5f, 0f, 0f, 0.2f, 0.3f, 0f, 0f], head.NgramWeights); // the original is left as it was
    }

    [Fact]
    public void The_calibration_chooses_the_weight_on_out_of_fold_rows_and_routes_them_with_it()
    {
        var set = MisleadingNgrams();

        var blended = SemanticRouterCalibrator.Calibrate(set, new SemanticRouterOptions(), CalibrationVariant.Shipped, null, null, CancellationToken.None);
        var asTrained = SemanticRouterCalibrator.Calibrate(set, new SemanticRouterOptions { BlendCharNgrams = false }, CalibrationVariant.Shipped, null, null, CancellationToken.None);
        var noParts = SemanticRouterCalibrator.Calibrate(set with { OutOfFoldNgramLogits = null }, new SemanticRouterOptions(), CalibrationVariant.Shipped, null, null, CancellationToken.None);

        // The n-gram part puts every route-0 row 0.1 behind route 1; the embedding part alone, or
        // half the n-gram part, routes it right. The vote cannot help: both routes' nearest
        // examples are equally close. 0.5 comes before 0 in the order of preference.
        Assert.Equal(0.5f, blended.NgramWeight);
        Assert.Equal(0f, blended.NeighbourVote);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(set.Labels[i], blended.Evidence[i].Route));
        Assert.Equal(1f, asTrained.NgramWeight);
        Assert.Equal(1f, noParts.NgramWeight);
        Assert.Equal(6, Enumerable.Range(0, 12).Count(i => asTrained.Evidence[i].Route == set.Labels[i]));
    }

    [Fact]
    public void The_shipped_head_carries_the_chosen_weight()
    {
        var set = MisleadingNgrams();
        var calibrated = SemanticRouterCalibrator.Calibrate(set, new SemanticRouterOptions(), CalibrationVariant.Shipped, null, null, CancellationToken.None);
        var head = new SoftmaxHead(2, 2, new float[4], new float[2], 2, [1f, -1f, 0.5f, 0.25f], wordBigrams: false);

        var model = SemanticRouterFitter.Assemble(["a", "b"], set, head, calibrated, new SemanticRouterOptions());

        Assert.Equal([0.5f, -0.5f, 0.25f, 0.125f], model.Head.NgramWeights);
    }

    [Fact]
    public void The_fit_keeps_each_rows_ngram_part_apart()
    {
        var (vectors, labels, background) = SyntheticRoutes.Make(routes: 3, perRoute: 12, negatives: 0, noise: 1.2f, seed: 5);
        var options = new SemanticRouterOptions { Folds = 3, MinSteps = 200, CharNgramBuckets = 256 };
        var ngrams = labels.Select((l, i) => CharNgrams.Extract($"route {l} wording {i % 5}", options.CharNgramBuckets)).ToArray();
        FoldedTrainingSet? recorded = null;
        SoftmaxHead[] heads = [];

        SemanticRouterFitter.Fit(["a", "b", "c"], vectors, labels, background, ngrams, options, (s, h) => (recorded, heads) = (s, h), null, CancellationToken.None);

        Assert.NotNull(recorded!.OutOfFoldNgramLogits);
        var embedding = new float[recorded.Classes];
        for (var i = 0; i < recorded.Vectors.Length; i++)
        {
            heads[recorded.Fold[i]].Logits(recorded.Vectors[i], embedding);
            for (var c = 0; c < embedding.Length; c++)
            {
                Assert.Equal(recorded.OutOfFoldLogits[i][c], embedding[c] + recorded.OutOfFoldNgramLogits![i][c], 1e-4f);
            }
        }
    }

    [Fact]
    public void The_setting_is_part_of_the_router_cache_key()
    {
        var set = new RouterTrainingSet([new RouteExamples("a", ["x"])]);

        Assert.NotEqual(
            RouterCacheKey.Compute(set, new SemanticRouterOptions(), "e"),
            RouterCacheKey.Compute(set, new SemanticRouterOptions { BlendCharNgrams = false }, "e"));
    }

    /// <summary>
    /// Two routes in two folds whose rows lie at the same angles, so a row's nearest example of
    /// either route in the other fold is equally close. Route-0 rows: embedding part (1.4, 0.5),
    /// n-gram part (-0.5, +0.5), so the head as trained says route 1 by 0.1. Route-1 rows: (0, 4), no n-gram part.
    /// </summary>
    private static FoldedTrainingSet MisleadingNgrams()
    {
        var vectors = new List<float[]>();
        var labels = new List<int>();
        var logits = new List<float[]>();
        var parts = new List<float[]>();
        for (var i = 0; i < 12; i++)
        {
            var route = i < 6 ? 0 : 1;
            var a = 0.05f * (i % 6);
            vectors.Add([MathF.Cos(a), MathF.Sin(a)]);
            labels.Add(route);
            logits.Add(route == 0 ? [0.9f, 1.0f] : [0f, 4f]);
            parts.Add(route == 0 ? [-0.5f, 0.5f] : [0f, 0f]);
        }

        var fold = Enumerable.Range(0, 12).Select(i => i % 2).ToArray();
        return new FoldedTrainingSet([.. vectors], null, [.. labels], new bool[12], Routes: 2, Classes: 2, HasGivenNegatives: false, Folds: 2, fold, [.. logits])
        {
            OutOfFoldNgramLogits = [.. parts],
        };
    }
}
