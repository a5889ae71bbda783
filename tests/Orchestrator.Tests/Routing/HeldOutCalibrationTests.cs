using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// Calibration that does not reject in-scope traffic by design, and that learns from whole routes
/// held out of the fit (pseudo out-of-scope) next to the real negatives.
/// </summary>
public sealed class HeldOutCalibrationTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    [Fact]
    public void Weighted_threshold_counts_each_kind_of_negative_as_its_share_not_its_size()
    {
        // One in-scope row at 0.5; three "background" negatives far below it and one "held-out"
        // negative just above it. Counted equally, the three far rows dominate and nothing is worth
        // rejecting the in-scope row for. Weighted as two equal kinds, the held-out row is half
        // the out-of-scope recall: rejecting it (and the in-scope row) gains 0.5 and loses 1, still
        // a loss; with two in-scope rows of which only one is lost, it is a tie, kept at fewer rejections.
        float[] scores = [0.5f, 0.1f, 0.1f, 0.1f, 0.6f, 0.9f];
        bool[] negative = [false, true, true, true, true, false];
        bool[] correct = [true, false, false, false, false, true];
        double[] weights = [1, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5, 1];

        var equal = Calibration.WeightedThreshold(scores, negative, correct, null);
        var weighted = Calibration.WeightedThreshold(scores, negative, correct, weights);

        // Equal: rejecting the three background rows is 3/4 of the recall (threshold between 0.1 and 0.5).
        Assert.InRange(equal, 0.11f, 0.5f);

        // Weighted: the same threshold, since taking the held-out row too costs an in-scope success.
        Assert.InRange(weighted, 0.11f, 0.5f);
        Assert.Equal(Calibration.BalancedThreshold(scores, negative, correct), equal);
    }

    [Fact]
    public void Weighted_threshold_moves_up_when_a_heavy_kind_of_negative_sits_just_below_in_scope()
    {
        // Ten in-scope rows from 0.5 to 0.95; one held-out row at 0.52 weighing half the recall.
        // Rejecting it costs one in-scope row in ten (0.1) and gains 0.5: worth it.
        var scores = Enumerable.Range(0, 10).Select(i => 0.5f + (i * 0.05f)).Append(0.1f).Append(0.52f).ToArray();
        var negative = Enumerable.Repeat(false, 10).Append(true).Append(true).ToArray();
        var correct = Enumerable.Repeat(true, 10).Append(false).Append(false).ToArray();
        double[] weights = [.. Enumerable.Repeat(1.0, 10), 0.5, 0.5];

        var t = Calibration.WeightedThreshold(scores, negative, correct, weights);

        Assert.InRange(t, 0.53f, 0.55f);
    }

    [Fact]
    public void Calibration_rows_give_each_kind_of_negative_an_equal_share()
    {
        var e = new RouteEvidence(0, 0.9f, 0.8f, 0.1f);
        RouteEvidence[] evidence = [e, e, e, e, e, e, e];
        bool[] negative = [false, false, true, true, true, true, true];
        bool[] background = [false, false, false, true, true, true, true];
        bool[] correct = [true, false, false, false, false, false, false];

        var rows = CalibrationRows.Build(evidence, negative, background, correct, [e, e, e, e, e, e], cvDone: true);

        double Share(CalibrationRowKind kind) => rows.Kinds.Select((k, i) => k == kind ? rows.Weights[i] : 0).Sum();
        Assert.Equal(13, rows.Evidence.Count);
        Assert.Equal(1.0 / 3, Share(CalibrationRowKind.Negative), 9);
        Assert.Equal(1.0 / 3, Share(CalibrationRowKind.Background), 9);
        Assert.Equal(1.0 / 3, Share(CalibrationRowKind.HeldOutRoute), 9);
        Assert.Equal(2, Share(CalibrationRowKind.InScope), 9);
        Assert.Empty(CalibrationRows.Build(evidence, negative, background, correct, [e], cvDone: false).Evidence);
    }

    [Fact]
    public async Task Without_negatives_or_background_no_correctly_routed_example_is_rejected_by_design()
    {
        var set = RouterFixtures.HelpDesk(withNegatives: false);

        var router = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions);

        Assert.Equal(OutOfScopeEvidence.Neighbours, router.Evidence);
        Assert.Equal(Calibration.UnrelatedSimilarity, router.Threshold);
        var chosen = router.CrossValidation.Single(c => c.Evidence == router.Evidence);
        Assert.Equal(chosen.RouteAccuracy, chosen.InScopeAccuracy);
        Assert.Null(chosen.HeldOutRouteRecall);
        Assert.False((await router.RouteAsync("how many days of holiday can I still take")).OutOfScope);
    }

    [Fact]
    public async Task The_old_quantile_rule_is_still_available_on_request()
    {
        var set = RouterFixtures.HelpDesk(withNegatives: false);

        var router = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions with { InScopeRejectionRate = 0.25 });

        var chosen = router.CrossValidation.Single(c => c.Evidence == router.Evidence);
        Assert.True(router.Threshold > 0.2, $"threshold {router.Threshold}");
        Assert.True(chosen.InScopeAccuracy < chosen.RouteAccuracy);
    }

    [Fact]
    public async Task With_negatives_whole_routes_are_held_out_and_their_recall_is_reported()
    {
        var withHeldOut = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions with { HoldOutIntents = true });
        var without = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions with { HoldOutIntents = false });

        var chosen = withHeldOut.CrossValidation.Single(c => c.Evidence == withHeldOut.Evidence);
        Assert.NotNull(chosen.HeldOutRouteRecall);
        Assert.InRange(chosen.HeldOutRouteRecall.Value, 0, 1);
        Assert.All(without.CrossValidation, c => Assert.Null(c.HeldOutRouteRecall));
        Assert.NotEqual(withHeldOut.Threshold, without.Threshold);
        Assert.False((await withHeldOut.RouteAsync("how do I reset my password")).OutOfScope);
        Assert.True((await withHeldOut.RouteAsync("what's a good recipe for pancakes")).OutOfScope);
    }

    [Fact]
    public void Held_out_route_evidence_never_routes_to_the_held_out_route()
    {
        // Four routes in two clusters; every route's examples, scored with their route held out,
        // must pick one of the other routes.
        var rng = new Random(3);
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var r = 0; r < 4; r++)
        {
            for (var k = 0; k < 6; k++)
            {
                var v = new float[8];
                v[r] = 1;
                v[4 + (k % 4)] = 0.2f + (0.1f * (float)rng.NextDouble());
                var norm = MathF.Sqrt(v.Sum(x => x * x));
                vectors.Add([.. v.Select(x => x / norm)]);
                labels.Add(r);
            }
        }

        var fold = labels.Select((_, i) => i % 2).ToArray();
        var evidence = HeldOutIntents.Evidence([.. vectors], null, [.. labels], new bool[24], fold, routes: 4, classes: 4, groups: 2, temperature: 1f, ngramWeight: 1f, FastOptions with { MinSteps = 50 }, null, CancellationToken.None);

        Assert.Equal(24, evidence.Count);
        Assert.All(evidence, e => Assert.True(float.IsFinite(e.Confidence) && e.Confidence > 0));
        Assert.All(evidence, e => Assert.InRange(e.Similarity, -1f, 0.5f));
    }
}
