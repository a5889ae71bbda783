using System.Numerics.Tensors;

namespace Orchestrator.Routing;

/// <summary>
/// The calibration half of <see cref="SemanticRouterFitter"/>: from the out-of-fold logits of a
/// <see cref="FoldedTrainingSet"/> to the temperature, the evidence of every training row, the
/// in-scope stacker and the out-of-scope threshold. Cheap next to training the heads, so the
/// router lab can rerun it on recorded cross-validation with a <see cref="CalibrationVariant"/>.
/// </summary>
internal static class SemanticRouterCalibrator
{
    /// <param name="heldOut">Evidence of the in-scope rows scored with their route held out, when already computed; null: computed here when the options ask for it.</param>
    public static CalibratedEvidence Calibrate(
        FoldedTrainingSet set,
        SemanticRouterOptions options,
        CalibrationVariant variant,
        IReadOnlyList<RouteEvidence>? heldOut,
        Action<int>? groupDone,
        CancellationToken cancellationToken)
    {
        var (vectors, labels, routes, classes, n) = (set.Vectors, set.Labels, set.Routes, set.Classes, set.Vectors.Length);
        var cvDone = set.CrossValidated;
        var headRows = Enumerable.Range(0, n).Where(i => !set.IsBackground[i]).ToArray();
        var (ngramWeight, vote) = cvDone
            ? ChooseWeights(set, options, variant.NeighbourVote ?? options.NeighbourVote, (variant.BlendCharNgrams ?? options.BlendCharNgrams) && set.OutOfFoldNgramLogits is not null)
            : (1f, 0f);
        if (ngramWeight != 1f)
        {
            // Everything below (temperature, evidence, stacker, threshold) is fitted on the logits
            // the shipped head will give: the final head's n-gram weights are rescaled alike.
            set = set with
            {
                OutOfFoldLogits = [.. Enumerable.Range(0, n).Select(i => NgramBlend.Blend(set.OutOfFoldLogits[i], set.OutOfFoldNgramLogits![i], ngramWeight))],
            };
        }

        var temperature = cvDone
            ? Calibration.FitTemperature([.. headRows.Select(i => set.OutOfFoldLogits[i])], [.. headRows.Select(i => labels[i])])
            : 1f;
        var evidence = cvDone ? Evidence(set, temperature, options, vote) : new RouteEvidence[n];
        var isNegative = labels.Select(l => l == routes).ToArray();
        var correct = labels.Select((l, i) => cvDone && l < routes && evidence[i].Route == l).ToArray();

        // Held-out routes only join given negatives (config out_of_scope_examples, a dataset's oos
        // rows): those say that near-domain requests must be rejected, and the held-out routes keep
        // the threshold from fitting just those few. With the background alone, or nothing, they
        // would trade in-scope traffic for rejecting near-domain requests nobody called out of scope.
        heldOut ??= cvDone && set.HasGivenNegatives && options.HoldOutIntents && routes >= 2
            ? HeldOutIntents.Evidence(vectors, set.Ngrams, labels, set.IsBackground, set.Fold, routes, classes, Math.Min(set.Folds, routes), temperature, ngramWeight, options,
                groupDone, cancellationToken)
            : [];
        var rows = CalibrationRows.Build([.. evidence.Select(variant.Mask)], isNegative, set.IsBackground, correct, [.. heldOut.Select(variant.Mask)], cvDone, variant.HeldOutShare);
        var hasNegatives = set.HasNegatives;
        var stacker = cvDone && hasNegatives ? InScopeStacker.Fit(rows.Evidence, rows.InScope, rows.Weights) : null;
        var thresholdWeights = variant.HeldOutTrainsStackerOnly
            ? rows.Weights.Select((w, i) => rows.Kinds[i] == CalibrationRowKind.HeldOutRoute ? 0.0 : w).ToArray()
            : rows.Weights;
        var capRows = CapRows(set, rows, correct, variant.CapParaphraseSimilarity ?? options.CapParaphraseSimilarity);
        var cv = new List<EvidenceCrossValidation>();
        var chosen = 0f;
        foreach (var kind in Enum.GetValues<OutOfScopeEvidence>())
        {
            var threshold = cvDone ? ChooseThreshold(rows, capRows, thresholdWeights, kind, stacker, hasNegatives, options) : 0f;
            if (cvDone)
            {
                cv.Add(Summarise(rows, kind, stacker, threshold, hasNegatives));
            }

            if (kind == EffectiveEvidence(options.Evidence, hasNegatives))
            {
                chosen = threshold;
            }
        }

        return new CalibratedEvidence(temperature, evidence, heldOut, rows, stacker, chosen, cv) { NeighbourVote = vote, NgramWeight = ngramWeight };
    }

    /// <summary>
    /// The <see cref="NgramBlend"/> weight and the <see cref="NeighbourVote"/> weight, chosen together
    /// by out-of-fold accuracy on the in-scope rows the head trains on (fold head logits, neighbours
    /// from the other folds). Each candidate n-gram weight ranks the routes its own way, so every
    /// row's nearest-example similarity is taken once for the union of the candidates' likeliest routes.
    /// </summary>
    private static (float NgramWeight, float Vote) ChooseWeights(FoldedTrainingSet set, SemanticRouterOptions options, bool vote, bool blend)
    {
        var (vectors, labels, routes, n) = (set.Vectors, set.Labels, set.Routes, set.Vectors.Length);
        if (!vote && !blend)
        {
            return (1f, 0f);
        }

        // Only the in-scope rows the head trains on choose: the vote and the blend pick between
        // routes, which is meaningless for a negative or a background row.
        var voters = Enumerable.Range(0, n).Where(i => labels[i] < routes && !set.IsBackground[i]).ToArray();
        var alphas = blend ? NgramBlend.Weights : [1f];
        var candidates = Math.Clamp(options.NeighbourRoutes, 1, routes);
        var tops = new int[alphas.Count][][];
        for (var a = 0; a < alphas.Count; a++)
        {
            tops[a] = new int[voters.Length][];
            for (var q = 0; q < voters.Length; q++)
            {
                var i = voters[q];
                tops[a][q] = new int[candidates];
                var logits = NgramBlend.Blend(set.OutOfFoldLogits[i], set.OutOfFoldNgramLogits?[i], alphas[a]);
                SemanticRouterModel.TopRoutes(logits.AsSpan(0, routes), tops[a][q]);
            }
        }

        var similarity = new Dictionary<int, float>[voters.Length];
        var dims = vectors[0].Length;
        for (var f = 0; f < set.Folds; f++)
        {
            var examples = NeighbourIndex.Build(vectors, Enumerable.Range(0, n).Where(i => set.Fold[i] != f && labels[i] < routes), dims, labels, routes);
            for (var q = 0; q < voters.Length; q++)
            {
                if (set.Fold[voters[q]] != f)
                {
                    continue;
                }

                var groups = tops.SelectMany(t => t[q]).Distinct().ToArray();
                var perGroup = new float[groups.Length];
                examples.MeanTopSimilarities(vectors[voters[q]], options.Neighbours, groups, perGroup);
                similarity[q] = groups.Select((g, k) => (g, k)).ToDictionary(p => p.g, p => perGroup[p.k]);
            }
        }

        var voteWeights = vote ? NeighbourVote.Weights.Count : 1;
        var voterLabels = voters.Select(i => labels[i]).ToArray();
        return NgramBlend.Choose(alphas, alpha =>
        {
            var a = IndexOf(alphas, alpha);
            var logits = voters.Select(i => NgramBlend.Blend(set.OutOfFoldLogits[i], set.OutOfFoldNgramLogits?[i], alpha)).ToArray();
            var sims = Enumerable.Range(0, voters.Length).Select(q => tops[a][q].Select(r => similarity[q][r]).ToArray()).ToArray();
            return NeighbourVote.RoutedRight(logits, tops[a], sims, voterLabels, voteWeights);
        });
    }

    private static int IndexOf(IReadOnlyList<float> values, float value)
    {
        for (var k = 0; k < values.Count; k++)
        {
            if (values[k] == value)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// Each row's evidence from its fold head's logits and the neighbours outside its fold, with the
    /// top-1 route chosen by the <see cref="NeighbourVote"/> with the weight chosen above.
    /// </summary>
    private static RouteEvidence[] Evidence(FoldedTrainingSet set, float temperature, SemanticRouterOptions options, float weight)
    {
        var (vectors, labels, routes, n) = (set.Vectors, set.Labels, set.Routes, set.Vectors.Length);
        var dims = vectors[0].Length;
        var candidates = Math.Clamp(options.NeighbourRoutes, 1, routes);
        var top = new int[n][];
        var similarities = new float[n][];
        var union = new float[n];
        var negative = new float[n];
        for (var f = 0; f < set.Folds; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => set.Fold[i] != f).ToArray();
            var examples = NeighbourIndex.Build(vectors, train.Where(i => labels[i] < routes), dims, labels, routes);
            var negatives = NeighbourIndex.Build(vectors, train.Where(i => labels[i] == routes), dims);
            foreach (var i in Enumerable.Range(0, n).Where(i => set.Fold[i] == f))
            {
                // Route ranking does not depend on the temperature, so raw logits pick the same routes.
                top[i] = new int[candidates];
                similarities[i] = new float[candidates];
                SemanticRouterModel.TopRoutes(set.OutOfFoldLogits[i].AsSpan(0, routes), top[i]);
                union[i] = examples.MeanTopSimilarities(vectors[i], options.Neighbours, top[i], similarities[i]);
                negative[i] = negatives.MeanTopSimilarity(vectors[i], options.Neighbours);
            }
        }

        var evidence = new RouteEvidence[n];
        var probs = new float[set.Classes];
        for (var i = 0; i < n; i++)
        {
            var logits = set.OutOfFoldLogits[i];
            var pick = NeighbourVote.Pick(logits, top[i], similarities[i], weight);
            logits.CopyTo(probs, 0);
            var energy = SemanticRouterModel.Energy(probs.AsSpan(0, routes), temperature);
            SoftmaxHead.Softmax(probs, temperature);
            var best = top[i][pick];
            evidence[i] = new RouteEvidence(
                best,
                probs[best],
                union[i],
                negative[i],
                similarities[i][pick],
                set.HasGivenNegatives ? probs[routes] : 0f,
                energy);
        }

        return evidence;
    }

    /// <summary>
    /// The stacker needs negatives to learn from, and the probability of a lone route is always
    /// one, so without negatives the router falls back to neighbour similarity.
    /// </summary>
    public static OutOfScopeEvidence EffectiveEvidence(OutOfScopeEvidence requested, bool hasNegatives) =>
        requested == OutOfScopeEvidence.Combined && !hasNegatives ? OutOfScopeEvidence.Neighbours : requested;

    /// <summary>
    /// The rows the in-scope rejection cap is measured on: correctly routed out-of-fold rows without
    /// a same-route paraphrase in the other folds (<see cref="ParaphraseFreeRows"/>). When every
    /// correctly routed row has such a paraphrase there is nothing better to measure on, so all count.
    /// </summary>
    private static bool[] CapRows(FoldedTrainingSet set, CalibrationRows rows, bool[] correct, double paraphraseSimilarity)
    {
        var capRows = rows.Correct.ToArray();
        if (!set.CrossValidated || paraphraseSimilarity <= 0)
        {
            return capRows;
        }

        var free = ParaphraseFreeRows.Find(set.Vectors, set.Labels, set.Fold, set.Routes, paraphraseSimilarity);
        if (!Enumerable.Range(0, correct.Length).Any(i => correct[i] && free[i]))
        {
            return capRows;
        }

        // Training rows come first in the calibration rows, in the same order (CalibrationRows.Build).
        for (var i = 0; i < correct.Length; i++)
        {
            capRows[i] = correct[i] && free[i];
        }

        return capRows;
    }

    private static float ChooseThreshold(
        CalibrationRows rows, IReadOnlyList<bool> capRows, IReadOnlyList<double> weights, OutOfScopeEvidence kind, InScopeStacker? stacker, bool hasNegatives, SemanticRouterOptions options)
    {
        var scores = rows.Evidence.Select(e => SemanticRouterModel.Score(e, kind, stacker)).ToArray();
        if (hasNegatives)
        {
            var balanced = Calibration.WeightedThreshold(scores, rows.InScope.Select(x => !x).ToArray(), rows.Correct, weights);
            return Calibration.CappedThreshold(balanced, scores, capRows, options.MaxInScopeRejection);
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
}
