namespace Orchestrator.Routing;

/// <summary>Temperature scaling and threshold choice, both on out-of-fold training scores.</summary>
internal static class Calibration
{
    /// <summary>
    /// Thresholds are compared with <c>score &lt; threshold</c>, so this accepts every finite score
    /// while staying a finite number that the cache file and the JSON diagnostics can carry.
    /// </summary>
    public const float AcceptAll = float.MinValue;

    /// <summary>
    /// The temperature that minimises the negative log-likelihood of the true labels (Guo et al.,
    /// 2017), found by golden-section search on log T; the NLL is unimodal in practice.
    /// <para>
    /// When every out-of-fold example already has its true class strictly on top (typical of a
    /// handful of examples per route), the likelihood only improves as T falls towards 0: there is
    /// no minimum, and the search would run to the edge of its bracket (T = 0.05, logits times
    /// 20), a certainty that a few examples cannot support. With no mistake to calibrate against,
    /// the head's own probabilities (T = 1) are kept. Non-finite logits have nothing to calibrate either.
    /// </para>
    /// </summary>
    public static float FitTemperature(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        if (logits.Count == 0 || logits[0].Length < 2 || NothingToCalibrate(logits, labels))
        {
            return 1f;
        }

        double Nll(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            for (var i = 0; i < logits.Count; i++)
            {
                var z = logits[i];
                var max = double.NegativeInfinity;
                foreach (var v in z)
                {
                    max = Math.Max(max, v / t);
                }

                var sum = 0.0;
                foreach (var v in z)
                {
                    sum += Math.Exp((v / t) - max);
                }

                total += max + Math.Log(sum) - (z[labels[i]] / t);
            }

            return total;
        }

        double lo = Math.Log(0.05), hi = Math.Log(20);
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (phi * (hi - lo)), b = lo + (phi * (hi - lo));
        double fa = Nll(a), fb = Nll(b);
        for (var it = 0; it < 40; it++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (phi * (hi - lo));
                fa = Nll(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (phi * (hi - lo));
                fb = Nll(b);
            }
        }

        var temperature = (float)Math.Exp((lo + hi) / 2);
        return float.IsFinite(temperature) && temperature > 0 ? temperature : 1f;
    }

    /// <summary>
    /// True when any logit is not finite, or when every row's true class has the strictly largest
    /// logit (perfectly separated, so the NLL keeps falling as T goes to 0 and has no minimum).
    /// </summary>
    private static bool NothingToCalibrate(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        if (logits.Any(z => !AllFinite(z)))
        {
            return true;
        }

        for (var i = 0; i < logits.Count; i++)
        {
            var z = logits[i];
            for (var c = 0; c < z.Length; c++)
            {
                if (c != labels[i] && z[c] >= z[labels[i]])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool AllFinite(float[] values) => Array.TrueForAll(values, float.IsFinite);

    /// <summary>
    /// Without any negatives, the score (neighbour similarity) below which a request is no more
    /// similar to a route's examples than unrelated text is: sentence embeddings of unrelated
    /// text are about orthogonal, so cosine 0.
    /// </summary>
    public const float UnrelatedSimilarity = 0f;

    /// <summary>
    /// With negatives: the threshold that maximises in-scope accuracy plus out-of-scope recall on
    /// out-of-fold scores (balanced accuracy, i.e. Youden's J), so a wrongly rejected in-scope
    /// utterance and a wrongly accepted out-of-scope one cost the same share. An in-scope example
    /// only counts as a success when it is accepted and routed to its own label, so rejecting one
    /// the head got wrong anyway costs nothing. Ties go to the lower threshold (fewer rejections).
    /// </summary>
    public static float BalancedThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> isNegative, IReadOnlyList<bool> correct) =>
        WeightedThreshold(scores, isNegative, correct, null);

    /// <summary>
    /// <see cref="BalancedThreshold"/> where the out-of-scope recall is a weighted share: negative
    /// row i counts <paramref name="weights"/>[i] / (sum over negatives), so several kinds of
    /// out-of-scope evidence (given negatives, background, held-out routes) can each count as a
    /// fixed part of the recall whatever their sizes. Null weights count every negative equally.
    /// </summary>
    public static float WeightedThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> isNegative, IReadOnlyList<bool> correct, IReadOnlyList<double>? weights)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        var inTotal = isNegative.Count(x => !x);
        var negTotal = Enumerable.Range(0, n).Where(i => isNegative[i]).Sum(i => weights?[i] ?? 1.0);
        var correctTotal = Enumerable.Range(0, n).Count(i => !isNegative[i] && correct[i]);
        if (inTotal == 0 || negTotal <= 0)
        {
            return AcceptAll;
        }

        // Threshold below every score: accept everything.
        var best = (double)correctTotal / inTotal;
        var bestThreshold = AcceptAll;
        var correctRejected = 0;
        var negRejected = 0.0;
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            if (isNegative[i])
            {
                negRejected += weights?[i] ?? 1.0;
            }
            else if (correct[i])
            {
                correctRejected++;
            }

            if (k + 1 < n && scores[order[k + 1]] == scores[i])
            {
                continue; // Only thresholds between distinct scores are reachable.
            }

            var objective = ((double)(correctTotal - correctRejected) / inTotal) + (negRejected / negTotal);

            // A margin keeps floating-point noise in the weighted sums from counting as a gain.
            if (objective > best + 1e-12)
            {
                best = objective;
                bestThreshold = k + 1 < n ? (scores[i] + scores[order[k + 1]]) / 2 : MathF.BitIncrement(scores[i]);
            }
        }

        return bestThreshold;
    }

    /// <summary>
    /// <paramref name="balanced"/>, lowered where it would reject more than
    /// <paramref name="maxRejection"/> of the correctly routed rows: then the threshold at that
    /// quantile of their scores. A <paramref name="maxRejection"/> of 0 or 1 (or outside) leaves it as is.
    /// </summary>
    public static float CappedThreshold(float balanced, IReadOnlyList<float> scores, IReadOnlyList<bool> correct, double maxRejection) =>
        maxRejection is > 0 and < 1 ? Math.Min(balanced, QuantileThreshold(scores, correct, maxRejection)) : balanced;

    /// <summary>
    /// Opt-in rule without negatives (<see cref="SemanticRouterOptions.InScopeRejectionRate"/> above
    /// 0): the <paramref name="rejectionRate"/> quantile of correctly routed out-of-fold scores. It
    /// rejects about that share of known-good traffic and anything that looks less in scope.
    /// </summary>
    public static float QuantileThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> correct, double rejectionRate)
    {
        var chosen = Enumerable.Range(0, scores.Count).Where(i => correct[i]).Select(i => scores[i]).ToList();
        if (chosen.Count == 0)
        {
            chosen = scores.ToList();
        }

        if (chosen.Count == 0)
        {
            return AcceptAll;
        }

        chosen.Sort();
        var index = (int)Math.Floor(Math.Clamp(rejectionRate, 0, 1) * chosen.Count);
        return chosen[Math.Min(index, chosen.Count - 1)];
    }
}
