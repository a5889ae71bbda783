namespace Orchestrator.Routing;

/// <summary>
/// How one kind of out-of-scope evidence did on out-of-fold training data, at the threshold that
/// the calibration rule picked for it. <see cref="RouteAccuracy"/> is the head's out-of-fold
/// accuracy on in-scope examples with no rejection at all, the ceiling for <see cref="InScopeAccuracy"/>. Kept so the choice of evidence can be checked, not just trusted.
/// </summary>
public sealed record EvidenceCrossValidation(
    OutOfScopeEvidence Evidence,
    double Threshold,
    double InScopeAccuracy,
    double? OutOfScopeRecall,
    double RouteAccuracy)
{
    /// <summary>
    /// Share of in-scope examples rejected when their whole route was held out of the fit (see
    /// <see cref="SemanticRouterOptions.HoldOutIntents"/>): an estimate, from training data, of the
    /// recall on out-of-scope requests unlike any negative. Null when routes were not held out.
    /// <see cref="OutOfScopeRecall"/> covers the given negatives and the background.
    /// </summary>
    public double? HeldOutRouteRecall { get; init; }
}
