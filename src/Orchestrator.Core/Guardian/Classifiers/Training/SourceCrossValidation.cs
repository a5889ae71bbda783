namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Leave-one-source-out cross-validation: each source is held out whole, the heads are fitted on the
/// others, and the held-out rows are scored. With an embedding head, every setting in the grid is
/// scored the same way and the one with the best held-out recall around the target rate is kept; the
/// threshold is then set on those held-out scores.
/// </summary>
internal static class SourceCrossValidation
{
    public static CrossValidationReport Run(
        IReadOnlyList<FeatureVector> features, int[] labels, string[] sources, ClassifierTrainingOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var folds = Folds(labels, sources);
        var calibration = CalibrationRows(labels, sources, options);
        var mainMargins = new double[features.Count];
        var fold = 0;
        foreach (var (held, train) in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (bias, dense, sparse) = LogisticTrainer.Fit(train.Select(i => features[i]).ToArray(), train.Select(i => labels[i]).ToArray(), train.Select(i => sources[i]).ToArray(), options.HashBits, options);
            foreach (var i in HeldRows(sources, held))
            {
                mainMargins[i] = LogisticHead.Margin(bias, dense, sparse, features[i]);
            }

            progress?.Report($"held out {held} ({++fold}/{folds.Count})");
        }

        var scores = mainMargins.Select((m, i) => Score(m, features[i], options)).ToArray();
        if (!options.EmbeddingHead && !options.CueHead)
        {
            return Report(scores, labels, sources, calibration, options);
        }

        var mainAuc = BinaryMetrics.Auc(scores, labels);
        progress?.Report($"n-gram and cue head alone: held-out AUC {mainAuc:F4}");
        var candidates = new List<(EmbeddingHeadCandidate Candidate, double[] Scores)>();
        foreach (var equal in new[] { false, true })
        {
            foreach (var l2 in options.EmbeddingL2Grid)
            {
                var embeddingMargins = HeadMargins(features, labels, sources, folds, equal, l2, HeadInput(options), cancellationToken);
                foreach (var blend in options.BlendGrid)
                {
                    var blended = Enumerable.Range(0, features.Count).Select(i => Score(LogisticHead.Blend(mainMargins[i], embeddingMargins[i], blend), features[i], options)).ToArray();
                    var auc = BinaryMetrics.Auc(blended, labels);
                    var perFamily = options.PerFamilyThreshold ? sources : null;
                    var recall = RecallAt(blended, labels, calibration, options.TargetFalsePositiveRate, perFamily);
                    var operating = OperatingRecall(blended, labels, calibration, options.TargetFalsePositiveRate, perFamily);
                    candidates.Add((new EmbeddingHeadCandidate(l2, equal, blend, auc, recall) { OperatingRecall = operating }, blended));
                }

                var tried = candidates.Where(c => c.Candidate.L2 == l2 && c.Candidate.EqualSourceWeights == equal).Select(c => c.Candidate).ToList();
                var best = tried.MaxBy(c => c.OperatingRecall)!;
                var alone = tried.Find(c => c.Blend == 1);
                progress?.Report(FormattableString.Invariant($"{(options.CueHead ? "cue" : "embedding")} head l2 {l2:G3}, {(equal ? "equal" : "sqrt")} source weights: alone AUC {alone?.Auc:F4} recall {alone?.Recall:F4}; best blend {best.Blend:G2}: AUC {best.Auc:F4}, recall {best.Recall:F4}, operating recall {best.OperatingRecall:F4}"));
            }
        }

        // Best operating recall first, then AUC; remaining ties keep the grid's order (stable sort), so the choice is deterministic.
        var ranked = candidates.OrderByDescending(c => c.Candidate.OperatingRecall).ThenByDescending(c => c.Candidate.Auc).ToList();
        return Report(ranked[0].Scores, labels, sources, calibration, options) with
        {
            EmbeddingHeadCandidates = ranked.Select(c => c.Candidate).ToList(),
            MainHeadAuc = mainAuc,
        };
    }

    /// <summary>What the second head reads: the cues for a <see cref="CueHead"/>, else the encoder's vector.</summary>
    internal static Func<FeatureVector, float[]> HeadInput(ClassifierTrainingOptions options) =>
        options.CueHead ? x => x.HeadCues! : x => x.Embedding!;

    private static double[] HeadMargins(
        IReadOnlyList<FeatureVector> features, int[] labels, string[] sources, List<(string Held, int[] Train)> folds, bool equal, double l2, Func<FeatureVector, float[]> input, CancellationToken cancellationToken)
    {
        var margins = new double[features.Count];
        foreach (var (held, train) in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainLabels = train.Select(i => labels[i]).ToArray();
            var weights = LogisticTrainer.RowWeights(trainLabels, train.Select(i => sources[i]).ToArray(), equal);
            var (bias, w) = EmbeddingHeadTrainer.Fit(train.Select(i => input(features[i])).ToArray(), trainLabels, weights, l2);
            var head = new EmbeddingHead { Encoder = "cv", Dimensions = w.Length, Bias = bias, Weights = w, Blend = 1 };
            foreach (var i in HeldRows(sources, held))
            {
                margins[i] = head.Margin(input(features[i]));
            }
        }

        return margins;
    }

    private static List<(string Held, int[] Train)> Folds(int[] labels, string[] sources)
    {
        var folds = new List<(string, int[])>();
        foreach (var held in sources.Distinct().Order(StringComparer.Ordinal))
        {
            var train = Enumerable.Range(0, sources.Length).Where(i => sources[i] != held).ToArray();
            if (train.All(i => labels[i] == 1) || train.All(i => labels[i] == 0))
            {
                throw new ArgumentException($"Holding out source '{held}' leaves only one label to train on; add rows of both labels from other sources.");
            }

            folds.Add((held, train));
        }

        return folds;
    }

    private static IEnumerable<int> HeldRows(string[] sources, string held) => Enumerable.Range(0, sources.Length).Where(i => sources[i] == held);

    private static double Score(double margin, FeatureVector x, ClassifierTrainingOptions options) =>
        LogisticHead.WithDocumentRule(LogisticHead.Sigmoid(margin), options.DocumentInstructionFloor, x);

    /// <summary>
    /// Mean held-out recall at half, once and twice the target false-positive rate: the operating
    /// region the threshold is set in, steadier than the single point and closer to the target than AUC.
    /// </summary>
    internal static double OperatingRecall(double[] scores, int[] labels, bool[] calibration, double targetFpr, string[]? perFamily = null) =>
        (RecallAt(scores, labels, calibration, targetFpr / 2, perFamily) + RecallAt(scores, labels, calibration, targetFpr, perFamily) + RecallAt(scores, labels, calibration, Math.Min(0.5, targetFpr * 2), perFamily)) / 3;

    /// <summary>The benign rows the threshold is set on: all of them, or those of <see cref="ClassifierTrainingOptions.CalibrationSources"/>.</summary>
    private static bool[] CalibrationRows(int[] labels, string[] sources, ClassifierTrainingOptions options)
    {
        var mask = Enumerable.Range(0, labels.Length).Select(i => labels[i] == 0 && (options.CalibrationSources is not { Count: > 0 } only || only.Contains(sources[i], StringComparer.Ordinal))).ToArray();
        return mask.Any(m => m)
            ? mask
            : throw new ArgumentException($"No benign rows come from the calibration sources ({string.Join(", ", options.CalibrationSources ?? [])}); name source families that hold benign rows.");
    }

    /// <summary>
    /// The threshold for <paramref name="targetFpr"/> on the calibration rows and, when those are only
    /// some sources, also on every benign row: the stricter of the two, so tuning for the alarming-but-safe
    /// prompts cannot buy recall with false alarms on ordinary ones. With <paramref name="perFamily"/> each
    /// calibration family must hold the rate on its own rows (the strictest family's threshold), not only
    /// their pool, so a family the others outnumber is not left above the rate.
    /// </summary>
    private static double Threshold(double[] scores, int[] labels, bool[] calibration, double targetFpr, string[]? familyMedianSources = null, string[]? perFamily = null)
    {
        if (familyMedianSources is not null)
        {
            return FamilyMedianThreshold(scores, labels, familyMedianSources, targetFpr, except: null);
        }

        return ThresholdOver(Enumerable.Range(0, scores.Length), scores, labels, calibration, targetFpr, perFamily);
    }

    /// <summary><see cref="Threshold"/> on the rows <paramref name="rows"/> only (the nested figures leave a family out).</summary>
    private static double ThresholdOver(IEnumerable<int> rows, double[] scores, int[] labels, bool[] calibration, double targetFpr, string[]? perFamily)
    {
        var kept = rows.ToArray();
        var calibrationRows = kept.Where(i => calibration[i]).ToArray();
        var threshold = BinaryMetrics.ThresholdForFpr([.. kept.Where(i => labels[i] == 0).Select(i => scores[i])], targetFpr);
        if (calibrationRows.Length == 0)
        {
            return threshold;
        }

        threshold = Math.Max(threshold, BinaryMetrics.ThresholdForFpr([.. calibrationRows.Select(i => scores[i])], targetFpr));
        if (perFamily is not null)
        {
            foreach (var family in calibrationRows.GroupBy(i => perFamily[i], StringComparer.Ordinal))
            {
                threshold = Math.Max(threshold, BinaryMetrics.ThresholdForFpr([.. family.Select(i => scores[i])], targetFpr));
            }
        }

        return threshold;
    }

    /// <summary>
    /// The median, over the benign source families (all but <paramref name="except"/>), of the threshold that
    /// gives each family's own benign rows <paramref name="targetFpr"/>: one family full of look-alike prompts
    /// moves it no more than any other family does.
    /// </summary>
    internal static double FamilyMedianThreshold(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<string> sources, double targetFpr, string? except)
    {
        var perFamily = Enumerable.Range(0, scores.Count)
            .Where(i => labels[i] == 0 && !string.Equals(sources[i], except, StringComparison.Ordinal))
            .GroupBy(i => sources[i], StringComparer.Ordinal)
            .Select(g => BinaryMetrics.ThresholdForFpr([.. g.Select(i => scores[i])], targetFpr))
            .Order()
            .ToArray();
        if (perFamily.Length == 0)
        {
            return 0.5;
        }

        var middle = perFamily.Length / 2;
        return perFamily.Length % 2 == 1 ? perFamily[middle] : (perFamily[middle - 1] + perFamily[middle]) / 2;
    }

    private static double RecallAt(double[] scores, int[] labels, bool[] calibration, double targetFpr, string[]? perFamily = null)
    {
        var threshold = Threshold(scores, labels, calibration, targetFpr, perFamily: perFamily);
        var positives = labels.Count(l => l == 1);
        return Enumerable.Range(0, scores.Length).Count(i => labels[i] == 1 && scores[i] >= threshold) / (double)Math.Max(1, positives);
    }

    private static CrossValidationReport Report(double[] scores, int[] labels, string[] sources, bool[] calibration, ClassifierTrainingOptions options)
    {
        var benign = Enumerable.Range(0, scores.Length).Where(i => labels[i] == 0).Select(i => scores[i]).ToArray();
        var calibrationScores = Enumerable.Range(0, scores.Length).Where(i => calibration[i]).Select(i => scores[i]).ToArray();
        var threshold = Threshold(scores, labels, calibration, options.TargetFalsePositiveRate, options.FamilyMedianThreshold ? sources : null, options.PerFamilyThreshold ? sources : null);
        var positives = labels.Count(l => l == 1);
        var perSource = sources.Distinct().Order(StringComparer.Ordinal).Select(s =>
        {
            var idx = HeldRows(sources, s).ToArray();
            var pos = idx.Where(i => labels[i] == 1).ToArray();
            var neg = idx.Where(i => labels[i] == 0).ToArray();
            return new SourceScore(
                s,
                idx.Length,
                pos.Length,
                pos.Length == 0 ? null : pos.Count(i => scores[i] >= threshold) / (double)pos.Length,
                neg.Length == 0 ? null : neg.Count(i => scores[i] >= threshold) / (double)neg.Length);
        }).ToList();
        return new CrossValidationReport(
            scores.Length,
            positives,
            sources.Distinct().Count(),
            BinaryMetrics.Auc(scores, labels),
            threshold,
            Enumerable.Range(0, scores.Length).Count(i => labels[i] == 1 && scores[i] >= threshold) / (double)positives,
            benign.Count(s => s >= threshold) / (double)Math.Max(1, benign.Length),
            perSource)
        {
            CalibrationFalsePositiveRate = options.CalibrationSources is { Count: > 0 } ? calibrationScores.Count(s => s >= threshold) / (double)calibrationScores.Length : null,
            HeldOutScores = scores,
            Nested = options.FamilyMedianThreshold ? null : Nested(scores, labels, sources, calibration, options.TargetFalsePositiveRate, options.PerFamilyThreshold),
            NestedPerFamilyRule = options.CalibrationSources is { Count: > 0 } ? Nested(scores, labels, sources, calibration, options.TargetFalsePositiveRate, perFamily: true) : null,
        };
    }

    /// <summary>
    /// Each family's rows judged by <see cref="Threshold"/> set on the other families' rows only. Where the
    /// held-out family is the only calibration family, the other families' benign rows alone set it.
    /// </summary>
    internal static NestedThresholdFigures Nested(double[] scores, int[] labels, string[] sources, bool[] calibration, double targetFpr, bool perFamily)
    {
        int truePositives = 0, falsePositives = 0, calibrationFalse = 0;
        var worst = (Family: string.Empty, Rate: -1.0);
        foreach (var family in sources.Distinct().Order(StringComparer.Ordinal))
        {
            var threshold = ThresholdOver(Enumerable.Range(0, scores.Length).Where(i => sources[i] != family), scores, labels, calibration, targetFpr, perFamily ? sources : null);
            var rows = HeldRows(sources, family).ToArray();
            truePositives += rows.Count(i => labels[i] == 1 && scores[i] >= threshold);
            falsePositives += rows.Count(i => labels[i] == 0 && scores[i] >= threshold);
            calibrationFalse += rows.Count(i => calibration[i] && scores[i] >= threshold);
            var benign = rows.Where(i => labels[i] == 0).ToArray();
            var rate = benign.Length == 0 ? -1 : benign.Count(i => scores[i] >= threshold) / (double)benign.Length;
            if (rate > worst.Rate)
            {
                worst = (family, rate);
            }
        }

        var calibrationRows = calibration.Count(c => c);
        var benignRows = labels.Count(l => l == 0);
        return new NestedThresholdFigures(
            truePositives / (double)Math.Max(1, labels.Length - benignRows),
            falsePositives / (double)Math.Max(1, benignRows),
            calibrationRows == benignRows ? null : calibrationFalse / (double)Math.Max(1, calibrationRows),
            worst.Family,
            Math.Max(0, worst.Rate));
    }
}
