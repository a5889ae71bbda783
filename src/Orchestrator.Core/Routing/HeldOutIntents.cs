namespace Orchestrator.Routing;

/// <summary>
/// Pseudo out-of-scope evidence from whole routes held out of the fit. Routes are dealt into
/// groups; for group g a head is trained on the rows outside fold g of every other route (and the
/// negatives outside fold g), and every example of the group's routes is scored by it. Such an
/// example looks like no training example, exactly like an unseen out-of-scope request, so the
/// scores show how unseen requests behave rather than how the given negatives do.
/// </summary>
internal static class HeldOutIntents
{
    /// <summary>
    /// Evidence for every in-scope row (in row order), as if its route did not exist. Background
    /// rows join the negative neighbours but not the head, as in the ordinary fit.
    /// </summary>
    public static List<RouteEvidence> Evidence(
        float[][] vectors, SparseFeatures[]? ngrams, int[] labels, bool[] isBackground, int[] fold, int routes, int classes, int groups, float temperature,
        float ngramWeight, SemanticRouterOptions options, Action<int>? groupDone, CancellationToken cancellationToken)
    {
        var n = vectors.Length;
        var dims = vectors[0].Length;
        var order = Enumerable.Range(0, routes).ToArray();
        new Random(options.Seed + 1).Shuffle(order);
        var group = new int[routes];
        for (var k = 0; k < routes; k++)
        {
            group[order[k]] = k % groups;
        }

        var evidence = new RouteEvidence?[n];
        var probs = new float[classes];
        for (var g = 0; g < groups; g++)
        {
            // Rows outside fold g keep the head's training size close to the ordinary folds', so
            // held-out and in-scope evidence come from heads of about the same strength.
            var train = Enumerable.Range(0, n).Where(i => fold[i] != g && (labels[i] == routes || group[labels[i]] != g)).ToArray();
            var test = Enumerable.Range(0, n).Where(i => labels[i] < routes && group[labels[i]] == g).ToArray();
            if (test.Length == 0 || !train.Any(i => labels[i] < routes))
            {
                continue;
            }

            // The n-gram part weighs what it weighs for the in-scope rows (NgramBlend), so both kinds of evidence come from alike heads.
            var head = SoftmaxHead.Train(vectors, ngrams, labels, [.. train.Where(i => !isBackground[i])], classes, options, cancellationToken)
                .WithNgramWeight(ngramWeight);
            var examples = NeighbourIndex.Build(vectors, train.Where(i => labels[i] < routes), dims, labels, routes);
            var negatives = NeighbourIndex.Build(vectors, train.Where(i => labels[i] == routes), dims);
            var top = new int[Math.Clamp(options.NeighbourRoutes, 1, routes)];
            foreach (var i in test)
            {
                head.Logits(vectors[i], ngrams?[i] ?? SparseFeatures.Empty, probs);
                for (var r = 0; r < routes; r++)
                {
                    if (group[r] == g)
                    {
                        // The held-out routes had no rows in training: they do not exist for this head.
                        probs[r] = float.NegativeInfinity;
                    }
                }

                var energy = SemanticRouterModel.Energy(probs.AsSpan(0, routes), temperature);
                SoftmaxHead.Softmax(probs, temperature);
                SemanticRouterModel.TopRoutes(probs.AsSpan(0, routes), top);
                var best = top[0];
                var (similarity, routeSimilarity) = examples.MeanTopSimilarities(vectors[i], options.Neighbours, top);
                evidence[i] = new RouteEvidence(
                    best,
                    probs[best],
                    similarity,
                    negatives.MeanTopSimilarity(vectors[i], options.Neighbours),
                    routeSimilarity,
                    classes > routes ? probs[routes] : 0f,
                    energy);
            }

            groupDone?.Invoke(g);
        }

        return [.. evidence.Where(e => e.HasValue).Select(e => e!.Value)];
    }
}
