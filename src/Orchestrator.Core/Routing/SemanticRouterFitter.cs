using System.Numerics.Tensors;

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
        CancellationToken cancellationToken) => Fit(routeNames, vectors, labels, isBackground, ngrams, options, null, progress, cancellationToken);

    /// <param name="trace">Called once with the cross-validated training set and the fold heads, before calibration (the router lab records them).</param>
    public static SemanticRouterModel Fit(
        IReadOnlyList<string> routeNames,
        float[][] vectors,
        int[] labels,
        bool[]? isBackground,
        SparseFeatures[]? ngrams,
        SemanticRouterOptions options,
        Action<FoldedTrainingSet, SoftmaxHead[]>? trace,
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
        var cvDone = folds >= 2;
        // Background rows are dealt last, as a stratum of their own, so every other row keeps the
        // fold it had without a background.
        var strata = labels.Select((l, i) => isBackground[i] ? routes + 1 : l).ToArray();
        var fold = cvDone ? AssignFolds(strata, routes + 2, folds, options.Seed) : new int[n];
        var oofLogits = new float[n][];
        var oofNgramLogits = ngrams is null ? null : new float[n][];
        var foldHeads = new SoftmaxHead[cvDone ? folds : 0];
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
                foldHeads[f] = head;
                foreach (var i in test)
                {
                    oofLogits[i] = new float[classes];
                    head.Logits(vectors[i], ngrams?[i] ?? SparseFeatures.Empty, oofLogits[i]);
                    if (oofNgramLogits is not null)
                    {
                        // Kept apart so the calibration can reweight the n-gram part (NgramBlend).
                        oofNgramLogits[i] = new float[classes];
                        head.Logits(vectors[i], oofNgramLogits[i]);
                        TensorPrimitives.Subtract(oofLogits[i], oofNgramLogits[i], oofNgramLogits[i]);
                    }
                }

                progress?.Report((f + 1.0) / (2 * folds + 1));
            }
        }

        var folded = new FoldedTrainingSet(vectors, ngrams, labels, isBackground, routes, classes, hasGivenNegatives, cvDone ? folds : 0, fold, oofLogits)
        {
            OutOfFoldNgramLogits = oofNgramLogits,
        };
        trace?.Invoke(folded, foldHeads);
        var calibrated = SemanticRouterCalibrator.Calibrate(
            folded, options, CalibrationVariant.Shipped, null, g => progress?.Report((folds + g + 1.0) / (2 * folds + 1)), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var finalHead = SoftmaxHead.Train(vectors, ngrams, labels, [.. all.Where(headRows.Contains)], classes, options, cancellationToken);
        progress?.Report(1.0);
        return Assemble(routeNames, folded, finalHead, calibrated, options);
    }

    /// <summary>The fitted model from the cross-validated set, the head trained on every row and the calibration (the router lab assembles recorded fits the same way).</summary>
    /// <param name="finalHead">As trained: its n-gram weights are multiplied by the calibration's <see cref="CalibratedEvidence.NgramWeight"/> here.</param>
    internal static SemanticRouterModel Assemble(
        IReadOnlyList<string> routeNames, FoldedTrainingSet set, SoftmaxHead finalHead, CalibratedEvidence calibrated, SemanticRouterOptions options)
    {
        var (vectors, labels, routes) = (set.Vectors, set.Labels, set.Routes);
        var all = Enumerable.Range(0, vectors.Length);
        return new SemanticRouterModel
        {
            RouteNames = routeNames,
            HasNegativeClass = set.HasGivenNegatives,
            Head = finalHead.WithNgramWeight(calibrated.NgramWeight),
            Temperature = calibrated.Temperature,
            Examples = NeighbourIndex.Build(vectors, all.Where(i => labels[i] < routes), vectors[0].Length, labels, routes),
            NegativeExamples = NeighbourIndex.Build(vectors, all.Where(i => labels[i] == routes), vectors[0].Length),
            Neighbours = options.Neighbours,
            NeighbourRoutes = options.NeighbourRoutes,
            Evidence = SemanticRouterCalibrator.EffectiveEvidence(options.Evidence, set.HasNegatives),
            Stacker = calibrated.Stacker,
            NeighbourVoteWeight = calibrated.NeighbourVote,

            // Too few examples to cross-validate: nothing to calibrate against, so only what is
            // no more similar to the routes than unrelated text (cosine <= 0) is rejected.
            Threshold = set.CrossValidated ? calibrated.Threshold : Calibration.UnrelatedSimilarity,
            CrossValidation = calibrated.CrossValidation,
            Confusions = set.CrossValidated ? Confusions(routeNames, labels, calibrated.Evidence) : [],
            BackgroundExamples = set.IsBackground.Count(b => b),
        };
    }

    /// <summary>Out-of-fold misroutes between routes (negatives excluded), most frequent first.</summary>
    internal static List<RouteConfusion> Confusions(IReadOnlyList<string> routeNames, int[] labels, RouteEvidence[] evidence)
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
