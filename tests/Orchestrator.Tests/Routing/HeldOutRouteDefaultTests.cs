using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// Whole routes held out of the fit teach the out-of-scope stacker what a request of an unseen
/// intent looks like; on by default (<see cref="SemanticRouterOptions.HoldOutIntents"/>,
/// docs/benchmarks.md, "Routing: held-out routes teach the stacker").
/// </summary>
public sealed class HeldOutRouteDefaultTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3, MinSteps = 300, CharNgramBuckets = 0 };

    [Fact]
    public void Held_out_routes_are_on_by_default()
    {
        Assert.True(new SemanticRouterOptions().HoldOutIntents);
    }

    [Fact]
    public void Requests_of_an_unseen_route_are_rejected_more_often_with_held_out_routes()
    {
        // Eight routes are trained; the ninth cluster is a route the router never sees. The given
        // negatives sit in clusters of their own, so they alone say nothing about unseen routes.
        var (all, allLabels, _) = SyntheticRoutes.Make(routes: 9, perRoute: 30, negatives: 30, noise: 1.6f, seed: 7);
        var train = Enumerable.Range(0, all.Length).Where(i => allLabels[i] != 8).ToArray();
        var vectors = train.Select(i => all[i]).ToArray();
        var labels = train.Select(i => allLabels[i] == 9 ? 8 : allLabels[i]).ToArray();
        var unseen = Enumerable.Range(0, all.Length).Where(i => allLabels[i] == 8).Select(i => all[i]).ToArray();
        var seen = Enumerable.Range(0, all.Length).Where(i => allLabels[i] < 8).Select(i => all[i]).ToArray();
        string[] names = ["a", "b", "c", "d", "e", "f", "g", "h"];

        var without = SemanticRouterFitter.Fit(names, vectors, labels, null, null, FastOptions with { HoldOutIntents = false }, null, CancellationToken.None);
        var with = SemanticRouterFitter.Fit(names, vectors, labels, null, null, FastOptions with { HoldOutIntents = true }, null, CancellationToken.None);

        var (unseenWithout, unseenWith) = (RejectedShare(without, unseen), RejectedShare(with, unseen));
        Assert.Null(without.CrossValidation.Single(c => c.Evidence == without.Evidence).HeldOutRouteRecall);
        Assert.NotNull(with.CrossValidation.Single(c => c.Evidence == with.Evidence).HeldOutRouteRecall);
        Assert.True(unseenWith > unseenWithout, $"unseen route rejected: {unseenWith} with held-out routes, {unseenWithout} without");

        // The cap still holds the known routes' traffic.
        Assert.True(RejectedShare(with, seen) <= 0.05, $"seen routes rejected: {RejectedShare(with, seen)}");
    }

    private static double RejectedShare(SemanticRouterModel model, float[][] queries)
    {
        var probs = new float[model.Head.Classes];
        return queries.Count(q => model.Score(model.Evaluate(q, probs)) < model.Threshold) / (double)queries.Length;
    }
}
