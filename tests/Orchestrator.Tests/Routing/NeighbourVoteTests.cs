using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The top-1 route is chosen among the head's likeliest by logit + w x nearest-example similarity
/// (<see cref="NeighbourVote"/>), with w chosen per fit on out-of-fold training rows only
/// (docs/benchmarks.md, "Routing: a nearest-example vote for the top route").
/// </summary>
public sealed class NeighbourVoteTests
{
    [Fact]
    public void Weight_zero_keeps_the_heads_choice_and_a_weight_lets_the_nearest_example_overrule_it()
    {
        float[] logits = [0.9f, 1.0f, -3f];
        int[] top = [1, 0];
        float[] similarities = [0.5f, 1.0f];

        Assert.Equal(0, NeighbourVote.Pick(logits, top, similarities, 0f));
        Assert.Equal(0, NeighbourVote.Pick(logits, top, similarities, 0.1f)); // 1.05 vs 1.0: the head still wins
        Assert.Equal(1, NeighbourVote.Pick(logits, top, similarities, 1f)); // 1.5 vs 1.9
        Assert.Equal(0, NeighbourVote.Pick([1f, 1f], [0, 1], [0.5f, 0.5f], 8f)); // a tie keeps the head's order
    }

    [Fact]
    public void The_weight_is_the_smallest_that_routes_the_most_rows_right()
    {
        // Row 0: the head is wrong by 0.1 and the true route's nearest example is closer by 0.5, so
        // any weight of at least 1 fixes it. Row 1: the head is right by 3 and the nearest example
        // favours the other route by 0.2, so only a weight above 15 breaks it.
        float[][] logits = [[0.9f, 1.0f], [4f, 1f]];
        int[][] top = [[1, 0], [0, 1]];
        float[][] similarities = [[0.5f, 1.0f], [0.6f, 0.8f]];

        Assert.Equal(1f, NeighbourVote.Choose(logits, top, similarities, [0, 0]));
        Assert.Equal(0f, NeighbourVote.Choose(logits, top, similarities, [1, 0])); // row 0's head was right after all
        Assert.Equal(0f, NeighbourVote.Choose([], [], [], []));
    }

    [Fact]
    public void Per_route_similarities_come_from_the_same_scan_as_the_union()
    {
        var rng = new Random(4);
        var vectors = Enumerable.Range(0, 60).Select(_ => SyntheticRoutes.Unit(rng, null, 0)).ToArray();
        var labels = Enumerable.Range(0, 60).Select(i => i % 5).ToArray();
        var index = NeighbourIndex.Build(vectors, Enumerable.Range(0, 60), SyntheticRoutes.Dimensions, labels, 5);
        int[] groups = [3, 0, 4];
        Span<float> perGroup = stackalloc float[3];
        foreach (var k in new[] { 1, 3, 20 })
        {
            var query = SyntheticRoutes.Unit(rng, null, 0);
            var union = index.MeanTopSimilarities(query, k, groups, perGroup);

            var (expectedUnion, expectedFirst) = index.MeanTopSimilarities(query, k, groups);
            Assert.Equal(expectedUnion, union, 1e-6f);
            Assert.Equal(expectedFirst, perGroup[0], 1e-6f);
            for (var g = 0; g < groups.Length; g++)
            {
                Assert.Equal(index.MeanTopSimilarity(query, k, groups[g]), perGroup[g], 1e-6f);
            }
        }
    }

    [Fact]
    public void The_calibration_chooses_the_weight_from_the_out_of_fold_training_rows_and_routes_them_with_it()
    {
        var set = NearDuplicateRoutes();

        var voted = SemanticRouterCalibrator.Calibrate(set, new SemanticRouterOptions(), CalibrationVariant.Shipped, null, null, CancellationToken.None);
        var off = SemanticRouterCalibrator.Calibrate(set, new SemanticRouterOptions { NeighbourVote = false }, CalibrationVariant.Shipped, null, null, CancellationToken.None);

        // The fold heads call every route-0 row route 1 by a small margin; each row's nearest
        // example in the other folds is its own route's, so the vote fixes them all.
        Assert.Equal(1f, voted.NeighbourVote);
        Assert.Equal(0f, off.NeighbourVote);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(set.Labels[i], voted.Evidence[i].Route));
        Assert.Equal(6, Enumerable.Range(0, 12).Count(i => off.Evidence[i].Route == set.Labels[i]));
        Assert.Equal(1f, SemanticRouterFitter.Assemble(["a", "b"], set, new SoftmaxHead(2, 2, new float[4], new float[2]), voted, new SemanticRouterOptions()).NeighbourVoteWeight);
    }

    [Fact]
    public void The_weight_ignores_negative_and_background_rows()
    {
        // The same rows plus background rows whose out-of-fold logits a weight would "fix" if they
        // voted: the chosen weight must not move, because the vote only picks between routes.
        var set = NearDuplicateRoutes();
        var extra = 8;
        var vectors = set.Vectors.Concat(Enumerable.Range(0, extra).Select(i => new[] { 0.8f, i % 2 == 0 ? 0.6f : -0.6f })).ToArray();
        var labels = set.Labels.Concat(Enumerable.Repeat(2, extra)).ToArray();
        var background = set.IsBackground.Concat(Enumerable.Repeat(true, extra)).ToArray();
        var fold = set.Fold.Concat(Enumerable.Range(0, extra).Select(i => i % 2)).ToArray();
        var logits = set.OutOfFoldLogits.Concat(Enumerable.Range(0, extra).Select(_ => new[] { 1f, 9f })).ToArray();
        var withBackground = set with { Vectors = vectors, Labels = labels, IsBackground = background, Fold = fold, OutOfFoldLogits = logits };

        var calibrated = SemanticRouterCalibrator.Calibrate(withBackground, new SemanticRouterOptions(), CalibrationVariant.Shipped, null, null, CancellationToken.None);

        Assert.Equal(1f, calibrated.NeighbourVote);
    }

    [Fact]
    public void A_fitted_weight_overrules_a_narrow_head_at_request_time()
    {
        // The head prefers route 1 by 0.1 whatever the request; the request is an exact copy of route 0's example.
        var head = new SoftmaxHead(2, 2, new float[4], [0.9f, 1.0f]);
        var model = Model(head, weight: 0f);
        var voted = Model(head, weight: 1f);
        Span<float> probs = stackalloc float[2];

        Assert.Equal(1, model.Evaluate([1f, 0f], probs).Route);
        var e = voted.Evaluate([1f, 0f], probs);
        Assert.Equal(0, e.Route);
        Assert.Equal(1f, e.RouteSimilarity, 1e-6f);
        Assert.Equal(probs[0], e.Confidence);
    }

    [Fact]
    public void The_setting_is_part_of_the_router_cache_key()
    {
        var set = new RouterTrainingSet([new RouteExamples("a", ["x"])]);

        Assert.NotEqual(
            RouterCacheKey.Compute(set, new SemanticRouterOptions(), "e"),
            RouterCacheKey.Compute(set, new SemanticRouterOptions { NeighbourVote = false }, "e"));
    }

    [Fact]
    public void The_weight_survives_the_cache_file()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "m.bin");
        SemanticRouterModelFile.Write(file, "k", Model(new SoftmaxHead(2, 2, new float[4], [0.9f, 1.0f]), weight: 16f));

        Assert.Equal(16f, SemanticRouterModelFile.TryRead(file, "k")!.NeighbourVoteWeight);
    }

    private static SemanticRouterModel Model(SoftmaxHead head, float weight) => new()
    {
        RouteNames = ["a", "b"],
        HasNegativeClass = false,
        Head = head,
        Temperature = 1f,
        Examples = NeighbourIndex.Build([[1f, 0f], [0f, 1f]], [0, 1], 2, [0, 1], 2),
        NegativeExamples = NeighbourIndex.Build([], [], 2),
        Neighbours = 1,
        NeighbourRoutes = 2,
        Evidence = OutOfScopeEvidence.Neighbours,
        Threshold = 0f,
        CrossValidation = [],
        NeighbourVoteWeight = weight,
    };

    /// <summary>
    /// Two routes in two folds: route 0 near (1, 0), route 1 near (0, 1). The fold heads' logits put
    /// every route-0 row 0.1 behind route 1 and every route-1 row far ahead.
    /// </summary>
    private static FoldedTrainingSet NearDuplicateRoutes()
    {
        var vectors = new List<float[]>();
        var labels = new List<int>();
        var logits = new List<float[]>();
        for (var i = 0; i < 12; i++)
        {
            var route = i < 6 ? 0 : 1;
            var a = 0.05f * (i % 6);
            vectors.Add(route == 0 ? [MathF.Cos(a), MathF.Sin(a)] : [MathF.Sin(a), MathF.Cos(a)]);
            labels.Add(route);
            logits.Add(route == 0 ? [0.9f, 1.0f] : [0f, 4f]);
        }

        var fold = Enumerable.Range(0, 12).Select(i => i % 2).ToArray();
        return new FoldedTrainingSet([.. vectors], null, [.. labels], new bool[12], Routes: 2, Classes: 2, HasGivenNegatives: false, Folds: 2, fold, [.. logits]);
    }
}
