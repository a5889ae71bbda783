using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The in-scope rejection cap is measured on out-of-fold examples without a same-route paraphrase
/// in the other folds (<see cref="ParaphraseFreeRows"/>, <see cref="SemanticRouterOptions.CapParaphraseSimilarity"/>):
/// an example whose rewording trained its fold head looks more in scope than a new request does
/// (docs/benchmarks.md, "Routing: a paraphrase-aware cap").
/// </summary>
public sealed class ParaphraseAwareCapTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3, MinSteps = 300, CharNgramBuckets = 0 };

    [Fact]
    public void A_row_with_a_same_route_paraphrase_in_another_fold_is_not_paraphrase_free()
    {
        float[][] vectors = [[1, 0], [0.995f, 0.0999f], [0, 1], [0.6f, 0.8f], [1, 0], [0.995f, 0.0999f]];
        int[] labels = [0, 0, 1, 1, 2, 2];
        int[] fold = [0, 1, 0, 1, 0, 0];

        var free = ParaphraseFreeRows.Find(vectors, labels, fold, routes: 2, similarity: 0.9);

        // Rows 0 and 1 are paraphrases in different folds; rows 2 and 3 are one route but not alike
        // (cosine 0.8); rows 4 and 5 are alike but negatives (label 2 = routes), never in scope.
        Assert.Equal([false, false, true, true, false, false], free);
        Assert.Equal([true, true, true, true, false, false], ParaphraseFreeRows.Find(vectors, labels, fold, routes: 2, similarity: 0));
    }

    [Fact]
    public void Paraphrases_in_the_same_fold_do_not_count()
    {
        float[][] vectors = [[1, 0], [0.995f, 0.0999f]];

        Assert.Equal([true, true], ParaphraseFreeRows.Find(vectors, [0, 0], [1, 1], routes: 1, similarity: 0.9));
    }

    [Fact]
    public void The_cap_holds_for_new_wording_when_the_examples_come_in_paraphrase_pairs()
    {
        // Every example has a near-copy (cosine about 0.99), as CLINC150's training rows have
        // rewordings of one request. New requests come from the same routes but copy no example.
        var (vectors, labels, names, fresh) = PairedRoutes(routes: 6, perRoute: 20, negatives: 30, noise: 1.5f, seed: 5);

        var counted = SemanticRouterFitter.Fit(names, vectors, labels, null, null, FastOptions, null, CancellationToken.None);
        var all = SemanticRouterFitter.Fit(names, vectors, labels, null, null, FastOptions with { CapParaphraseSimilarity = 0 }, null, CancellationToken.None);

        var (rejectedCounted, rejectedAll) = (RejectedShare(counted, fresh), RejectedShare(all, fresh));
        Assert.True(counted.Threshold < all.Threshold, $"threshold {counted.Threshold} (paraphrase-free rows) vs {all.Threshold} (all rows)");
        Assert.True(rejectedCounted < rejectedAll, $"new in-scope requests rejected: {rejectedCounted} vs {rejectedAll}");
    }

    [Fact]
    public void The_setting_is_part_of_the_router_cache_key()
    {
        var set = new RouterTrainingSet([new RouteExamples("a", ["x"])]);

        Assert.NotEqual(
            RouterCacheKey.Compute(set, new SemanticRouterOptions(), "e"),
            RouterCacheKey.Compute(set, new SemanticRouterOptions { CapParaphraseSimilarity = 0 }, "e"));
    }

    private static (float[][] Vectors, int[] Labels, string[] Names, float[][] Fresh) PairedRoutes(int routes, int perRoute, int negatives, float noise, int seed)
    {
        var rng = new Random(seed);
        var (bases, baseLabels, _) = SyntheticRoutes.Make(routes, perRoute, negatives, noise, seed);
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < bases.Length; i++)
        {
            vectors.Add(bases[i]);
            labels.Add(baseLabels[i]);
            if (baseLabels[i] < routes)
            {
                vectors.Add(SyntheticRoutes.Unit(rng, bases[i], 0.15f));
                labels.Add(baseLabels[i]);
            }
        }

        // Fresh requests: new draws around each route's mean example, copying none of them.
        var fresh = new List<float[]>();
        for (var r = 0; r < routes; r++)
        {
            var rows = bases.Where((_, i) => baseLabels[i] == r).ToArray();
            var mean = Enumerable.Range(0, SyntheticRoutes.Dimensions).Select(d => rows.Sum(v => v[d])).ToArray();
            fresh.AddRange(Enumerable.Range(0, perRoute).Select(_ => SyntheticRoutes.Unit(rng, mean, noise * MathF.Sqrt(mean.Sum(x => x * x)))));
        }

        // Examples first, then negatives, as the fitter expects.
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => labels[i] == routes ? 1 : 0).ToArray();
        return ([.. order.Select(i => vectors[i])], [.. order.Select(i => labels[i])], [.. Enumerable.Range(0, routes).Select(r => $"r{r}")], [.. fresh]);
    }

    private static double RejectedShare(SemanticRouterModel model, float[][] queries)
    {
        var probs = new float[model.Head.Classes];
        return queries.Count(q => model.Score(model.Evaluate(q, probs)) < model.Threshold) / (double)queries.Length;
    }
}
