namespace Orchestrator.Cli.Evaluation;

/// <summary>The scoring half of the evaluation, separate so it can be checked on known answers.</summary>
internal static class RoutingMetrics
{
    /// <param name="gold">True labels, <see cref="LabeledUtterance.OutOfScopeLabel"/> for out of scope.</param>
    /// <param name="predicted">Predicted routes, the out-of-scope label for rejections.</param>
    public static (double InScopeAccuracy, double? OosRecall, double? OosPrecision, double MacroF1) Score(
        IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        static bool Oos(string label) => string.Equals(label, LabeledUtterance.OutOfScopeLabel, StringComparison.OrdinalIgnoreCase);

        int inScope = 0, inCorrect = 0, oosTotal = 0, oosRejected = 0, rejected = 0;
        var tp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fp = new Dictionary<string, int>(StringComparer.Ordinal);
        var fn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var p = predicted[i];
            rejected += Oos(p) ? 1 : 0;
            if (Oos(g))
            {
                oosTotal++;
                oosRejected += Oos(p) ? 1 : 0;
            }
            else
            {
                inScope++;
                tp.TryAdd(g, 0);
                if (p == g)
                {
                    inCorrect++;
                    tp[g]++;
                }
                else
                {
                    fn[g] = fn.GetValueOrDefault(g) + 1;
                }
            }

            if (!Oos(p) && p != g)
            {
                fp[p] = fp.GetValueOrDefault(p) + 1;
            }
        }

        // Averaged over the in-scope labels that occur in the gold data. "oos" is left out because
        // oos_recall and oos_precision already report it; an out-of-scope utterance routed to a
        // label still counts as a false positive of that label, so it lowers the average.
        var f1Sum = 0.0;
        foreach (var (label, t) in tp)
        {
            var denominator = (2 * t) + fp.GetValueOrDefault(label) + fn.GetValueOrDefault(label);
            f1Sum += denominator == 0 ? 0 : 2.0 * t / denominator;
        }

        return (
            inScope == 0 ? 0 : (double)inCorrect / inScope,
            oosTotal == 0 ? null : (double)oosRejected / oosTotal,
            oosTotal == 0 ? null : rejected == 0 ? 0 : (double)oosRejected / rejected,
            tp.Count == 0 ? 0 : f1Sum / tp.Count);
    }

    /// <summary>Nearest-rank percentile of already sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
