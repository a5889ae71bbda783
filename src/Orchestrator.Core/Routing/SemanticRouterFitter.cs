namespace Orchestrator.Routing;

/// <summary>
/// Fits a <see cref="SemanticRouterModel"/> from embedded examples. Cross-validation produces
/// out-of-fold evidence for every training example, and everything that needs calibrating (the
/// temperature, the stacker, the threshold) is fitted on that evidence, never on the data a
/// model was trained on, so the calibration reflects unseen utterances.
/// </summary>
internal static class SemanticRouterFitter
{
    /// <param name="vectors">In-scope example vectors first, then negatives.</param>
    /// <param name="labels">Route index per vector; negatives carry <c>routeNames.Count</c>.</param>
    public static SemanticRouterModel Fit(
        IReadOnlyList<string> routeNames,
        float[][] vectors,
        int[] labels,
        SemanticRouterOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken) => Fit(routeNames, vectors, labels, null, null, options, progress, cancellationToken);

    /// <param name="vectors">In-scope example vectors first, then negatives.</param>
    /// <param name="labels">Route index per vector; negatives and background carry <c>routeNames.Count</c>.</param>
    /// <param name="isBackground">Per vector: true for a background row (filtered by <see cref="BackgroundFilter"/>); null: none.</param>
    /// <param name="ngrams">Per vector: its text's <see cref="CharNgrams"/> features; null: the head reads the embedding alone.</param>
    public static SemanticRouterModel Fit(
        IReadOnlyList<string> routeNames,
        float[][] vectors,
        int[] labels,
        bool[]? isBackground,
        SparseFeatures[]? ngrams,
        SemanticRouterOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var routes = routeNames.Count;
        isBackground ??= new bool[vectors.Length];
        var keep = BackgroundFilter.Keep(vectors, labels, isBackground, routes);
        vectors = [.. vectors.Where((_, i) => keep[i])];
        labels = [.. labels.Where((_, i) => keep[i])];
        isBackground = [.. isBackground.Where((_, i) => keep[i])];
        ngrams = ngrams is null || options.CharNgramBuckets <= 0 ? null : [.. ngrams.Where((_, i) => keep[i])];
        var hasNegatives = labels.Any(l => l == routes);

        // The background never trains the classifier head: its route choices stay exactly those
        // of the agents' examples and given negatives (the same head as without a background), and
        // hundreds of generic rows cannot pull a small config's "oos" class around. It serves as
        // neighbour evidence and in the out-of-scope calibration only.
        var hasGivenNegatives = labels.Where((l, i) => l == routes && !isBackground[i]).Any();
        var classes = routes + (hasGivenNegatives ? 1 : 0);
        var headRows = Enumerable.Range(0, vectors.Length).Where(i => !isBackground[i]).ToHashSet();
        var dims = vectors[0].Length;
        var n = vectors.Length;
        var all = Enumerable.Range(0, n).ToArray();

        var folds = Math.Min(options.Folds, headRows.Count);
        var evidence = new RouteEvidence[n];
        var oofLogits = new float[n][];
        var cvDone = folds >= 2;
        // Background rows are dealt last, as a stratum of their own, so every other row keeps the
        // fold it had without a background.
        var strata = labels.Select((l, i) => isBackground[i] ? routes + 1 : l).ToArray();
        var fold = cvDone ? AssignFolds(strata, routes + 2, folds, options.Seed) : new int[n];
        var foldExamples = new NeighbourIndex[folds];
        if (cvDone)
        {
            for (var f = 0; f < folds; f++)
            {
                var train = all.Where(i => fold[i] != f).ToArray();
                var test = all.Where(i => fold[i] == f).ToArray();
                if (test.Length == 0)
                {
                    continue;
                }

                var head = SoftmaxHead.Train(vectors, ngrams, labels, [.. train.Where(headRows.Contains)], classes, options, cancellationToken);
                var examples = NeighbourIndex.Build(vectors, train.Where(i => labels[i] < routes), dims, labels, routes);
                var negatives = NeighbourIndex.Build(vectors, train.Where(i => labels[i] == routes), dims);
                foldExamples[f] = examples;
                var top = new int[Math.Clamp(options.NeighbourRoutes, 1, routes)];
                foreach (var i in test)
                {
                    oofLogits[i] = new float[classes];
                    head.Logits(vectors[i], ngrams?[i] ?? SparseFeatures.Empty, oofLogits[i]);

                    // Route ranking does not depend on the temperature, so raw logits pick the same routes.
                    SemanticRouterModel.TopRoutes(oofLogits[i].AsSpan(0, routes), top);
                    evidence[i] = new RouteEvidence(
                        0, 0, examples.MeanTopSimilarity(vectors[i], options.Neighbours, top), negatives.MeanTopSimilarity(vectors[i], options.Neighbours));
                }

                progress?.Report((f + 1.0) / (2 * folds + 1));
            }
        }

        var temperature = cvDone
            ? Calibration.FitTemperature([.. headRows.Order().Select(i => oofLogits[i])], [.. headRows.Order().Select(i => labels[i])])
            : 1f;
        var isNegative = labels.Select(l => l == routes).ToArray();
        var correct = new bool[n];
        var probs = new float[classes];
        if (cvDone)
        {
            for (var i = 0; i < n; i++)
            {
                oofLogits[i].CopyTo(probs, 0);
                var energy = SemanticRouterModel.Energy(probs.AsSpan(0, routes), temperature);
                SoftmaxHead.Softmax(probs, temperature);
                var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(probs.AsSpan(0, routes));
                evidence[i] = evidence[i] with
                {
                    Route = best,
                    Confidence = probs[best],
                    RouteSimilarity = foldExamples[fold[i]].MeanTopSimilarity(vectors[i], options.Neighbours, best),
                    OutOfScopeProbability = hasGivenNegatives ? probs[routes] : 0f,
                    Energy = energy,
                };
                correct[i] = !isNegative[i] && best == labels[i];
            }
        }

        // Held-out routes only join given negatives (config out_of_scope_examples, a dataset's oos
        // rows): those say that near-domain requests must be rejected, and the held-out routes keep
        // the threshold from fitting just those few. With the background alone, or nothing, they
        // would trade in-scope traffic for rejecting near-domain requests nobody called out of scope.
        var heldOut = cvDone && hasGivenNegatives && options.HoldOutIntents && routes >= 2
            ? HeldOutIntents.Evidence(vectors, ngrams, labels, isBackground, fold, routes, classes, Math.Min(folds, routes), temperature, options,
                g => progress?.Report((folds + g + 1.0) / (2 * folds + 1)), cancellationToken)
            : [];
        var calibration = CalibrationRows.Build(evidence, isNegative, isBackground, correct, heldOut, cvDone);
        InScopeStacker? stacker = cvDone && hasNegatives ? InScopeStacker.Fit(calibration.Evidence, calibration.InScope, calibration.Weights) : null;
        var cv = new List<EvidenceCrossValidation>();
        float chosenThreshold = 0f;
        foreach (var kind in Enum.GetValues<OutOfScopeEvidence>())
        {
            var threshold = cvDone ? ChooseThreshold(calibration, kind, stacker, hasNegatives, options) : 0f;
            if (cvDone)
            {
                cv.Add(Summarise(calibration, kind, stacker, threshold, hasNegatives));
            }

            if (kind == EffectiveEvidence(options.Evidence, hasNegatives))
            {
                chosenThreshold = threshold;
            }
        }

        var confusions = cvDone ? Confusions(routeNames, labels, evidence) : [];
        cancellationToken.ThrowIfCancellationRequested();
        var finalHead = SoftmaxHead.Train(vectors, ngrams, labels, [.. all.Where(headRows.Contains)], classes, options, cancellationToken);
        progress?.Report(1.0);
        return new SemanticRouterModel
        {
            RouteNames = routeNames,
            HasNegativeClass = hasGivenNegatives,
            Head = finalHead,
            Temperature = temperature,
            Examples = NeighbourIndex.Build(vectors, all.Where(i => labels[i] < routes), dims, labels, routes),
            NegativeExamples = NeighbourIndex.Build(vectors, all.Where(i => labels[i] == routes), dims),
            Neighbours = options.Neighbours,
            NeighbourRoutes = options.NeighbourRoutes,
            Evidence = EffectiveEvidence(options.Evidence, hasNegatives),
            Stacker = stacker,

            // Too few examples to cross-validate: nothing to calibrate against, so only what is
            // no more similar to the routes than unrelated text (cosine <= 0) is rejected.
            Threshold = cvDone ? chosenThreshold : Calibration.UnrelatedSimilarity,
            CrossValidation = cv,
            Confusions = confusions,
            BackgroundExamples = isBackground.Count(b => b),
        };
    }

    /// <summary>Out-of-fold misroutes between routes (negatives excluded), most frequent first.</summary>
    private static List<RouteConfusion> Confusions(IReadOnlyList<string> routeNames, int[] labels, RouteEvidence[] evidence)
    {
        var routes = routeNames.Count;
        var examples = new int[routes];
        var pairs = new Dictionary<(int Expected, int Routed), int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= routes)
            {
                continue;
            }

            examples[labels[i]]++;
            if (evidence[i].Route != labels[i])
            {
                var key = (labels[i], evidence[i].Route);
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
            }
        }

        return [.. pairs
            .Select(p => new RouteConfusion(routeNames[p.Key.Expected], routeNames[p.Key.Routed], p.Value, examples[p.Key.Expected]))
            .OrderByDescending(c => c.Share).ThenByDescending(c => c.Count).ThenBy(c => c.Expected, StringComparer.Ordinal).ThenBy(c => c.RoutedTo, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The stacker needs negatives to learn from, and the probability of a lone route is always
    /// one, so without negatives the router falls back to neighbour similarity.
    /// </summary>
    private static OutOfScopeEvidence EffectiveEvidence(OutOfScopeEvidence requested, bool hasNegatives) =>
        requested == OutOfScopeEvidence.Combined && !hasNegatives ? OutOfScopeEvidence.Neighbours : requested;

    private static float ChooseThreshold(CalibrationRows rows, OutOfScopeEvidence kind, InScopeStacker? stacker, bool hasNegatives, SemanticRouterOptions options)
    {
        var scores = rows.Evidence.Select(e => SemanticRouterModel.Score(e, kind, stacker)).ToArray();
        if (hasNegatives)
        {
            var balanced = Calibration.WeightedThreshold(scores, rows.InScope.Select(x => !x).ToArray(), rows.Correct, rows.Weights);
            return Calibration.CappedThreshold(balanced, scores, rows.Correct, options.MaxInScopeRejection);
        }

        // No negatives and no background: nothing in scope is rejected by design (see the option).
        return options.InScopeRejectionRate > 0
            ? Calibration.QuantileThreshold(scores, rows.Correct, options.InScopeRejectionRate)
            : Calibration.UnrelatedSimilarity;
    }

    private static EvidenceCrossValidation Summarise(CalibrationRows rows, OutOfScopeEvidence kind, InScopeStacker? stacker, float threshold, bool hasNegatives)
    {
        int inTotal = 0, inGood = 0, inRouted = 0, negTotal = 0, negRejected = 0, heldTotal = 0, heldRejected = 0;
        for (var i = 0; i < rows.Evidence.Count; i++)
        {
            var accepted = SemanticRouterModel.Score(rows.Evidence[i], kind, stacker) >= threshold;
            switch (rows.Kinds[i])
            {
                case CalibrationRowKind.InScope:
                    inTotal++;
                    inGood += accepted && rows.Correct[i] ? 1 : 0;
                    inRouted += rows.Correct[i] ? 1 : 0;
                    break;
                case CalibrationRowKind.HeldOutRoute:
                    heldTotal++;
                    heldRejected += accepted ? 0 : 1;
                    break;
                default:
                    negTotal++;
                    negRejected += accepted ? 0 : 1;
                    break;
            }
        }

        return new EvidenceCrossValidation(
            kind, threshold, inTotal == 0 ? 0 : (double)inGood / inTotal, hasNegatives && negTotal > 0 ? (double)negRejected / negTotal : null,
            inTotal == 0 ? 0 : (double)inRouted / inTotal)
        {
            HeldOutRouteRecall = heldTotal > 0 ? (double)heldRejected / heldTotal : null,
        };
    }

    /// <summary>Stratified folds: each class's rows are shuffled and dealt round-robin.</summary>
    private static int[] AssignFolds(int[] labels, int classes, int folds, int seed)
    {
        var rng = new Random(seed);
        var fold = new int[labels.Length];
        var next = 0;
        for (var c = 0; c < classes; c++)
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            rng.Shuffle(rows);
            foreach (var i in rows)
            {
                // Continuing the deal across classes keeps fold sizes even when classes are tiny.
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }

        return fold;
    }
}
