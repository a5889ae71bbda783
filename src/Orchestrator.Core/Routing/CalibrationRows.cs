namespace Orchestrator.Routing;

/// <summary>Where a calibration row's out-of-fold evidence came from.</summary>
internal enum CalibrationRowKind
{
    InScope,
    Negative,
    Background,
    HeldOutRoute,
}

/// <summary>
/// The out-of-fold evidence that the stacker and the threshold are fitted on: every training row,
/// plus every in-scope example once more as if its route had been held out of the fit.
/// <para>
/// Weights: each kind of out-of-scope evidence present (given negatives, background, held-out
/// routes) is an equal share of the out-of-scope side, whatever its size, and each row an equal
/// part of its kind's share. So 500 background rows count no more than 20 hand-written negatives
/// of a small config, and 15,000 held-out-route rows no more than 100 real negatives.
/// </para>
/// </summary>
internal sealed class CalibrationRows
{
    private CalibrationRows(List<RouteEvidence> evidence, List<CalibrationRowKind> kinds, List<bool> correct, double? heldOutShare)
    {
        Evidence = evidence;
        Kinds = kinds;
        Correct = correct;
        InScope = [.. kinds.Select(k => k == CalibrationRowKind.InScope)];
        var groups = kinds.Where(k => k != CalibrationRowKind.InScope).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Weights = [.. kinds.Select(k => k == CalibrationRowKind.InScope ? 1.0 : Share(k, groups, heldOutShare) / groups[k])];
    }

    /// <summary>The kind's share of the out-of-scope side: equal shares, or the held-out routes a fixed one and the others the rest.</summary>
    private static double Share(CalibrationRowKind kind, Dictionary<CalibrationRowKind, int> groups, double? heldOutShare)
    {
        if (heldOutShare is not { } share || !groups.ContainsKey(CalibrationRowKind.HeldOutRoute) || groups.Count == 1)
        {
            return 1.0 / groups.Count;
        }

        return kind == CalibrationRowKind.HeldOutRoute ? share : (1 - share) / (groups.Count - 1);
    }

    public IReadOnlyList<RouteEvidence> Evidence { get; }

    public IReadOnlyList<CalibrationRowKind> Kinds { get; }

    public IReadOnlyList<bool> Correct { get; }

    public IReadOnlyList<bool> InScope { get; }

    public IReadOnlyList<double> Weights { get; }

    /// <param name="heldOut">Evidence of in-scope examples scored with their route held out.</param>
    /// <param name="cvDone">False when there was no cross-validation: then there is nothing to calibrate on.</param>
    public static CalibrationRows Build(
        RouteEvidence[] evidence, bool[] isNegative, bool[] isBackground, bool[] correct, IReadOnlyList<RouteEvidence> heldOut, bool cvDone) =>
        Build(evidence, isNegative, isBackground, correct, heldOut, cvDone, null);

    /// <param name="heldOutShare">The held-out routes' share of the out-of-scope side; null: an equal share with the other kinds.</param>
    public static CalibrationRows Build(
        RouteEvidence[] evidence, bool[] isNegative, bool[] isBackground, bool[] correct, IReadOnlyList<RouteEvidence> heldOut, bool cvDone, double? heldOutShare)
    {
        var rows = new List<RouteEvidence>();
        var kinds = new List<CalibrationRowKind>();
        var good = new List<bool>();
        if (cvDone)
        {
            for (var i = 0; i < evidence.Length; i++)
            {
                rows.Add(evidence[i]);
                kinds.Add(!isNegative[i] ? CalibrationRowKind.InScope : isBackground[i] ? CalibrationRowKind.Background : CalibrationRowKind.Negative);
                good.Add(correct[i]);
            }

            foreach (var e in heldOut)
            {
                rows.Add(e);
                kinds.Add(CalibrationRowKind.HeldOutRoute);
                good.Add(false);
            }
        }

        return new CalibrationRows(rows, kinds, good, heldOutShare);
    }
}
