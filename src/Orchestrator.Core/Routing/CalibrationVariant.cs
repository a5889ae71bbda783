namespace Orchestrator.Routing;

/// <summary>
/// Alternatives to the shipped out-of-scope calibration, for measuring them on recorded
/// cross-validation (the router lab); <see cref="Shipped"/> is what <see cref="SemanticRouterFitter"/> uses.
/// </summary>
internal sealed record CalibrationVariant
{
    public static CalibrationVariant Shipped { get; } = new();

    /// <summary>Per stacker feature (see <see cref="InScopeStacker"/>): false replaces it by 0 for every row, so the stacker cannot use it.</summary>
    public bool[]? StackerFeatures { get; init; }

    /// <summary>
    /// The held-out routes' share of the out-of-scope side in the stacker's fit and the balanced
    /// threshold; null: an equal share with the other kinds (<see cref="CalibrationRows"/>).
    /// </summary>
    public double? HeldOutShare { get; init; }

    /// <summary>True: held-out-route rows train the stacker but do not move the threshold.</summary>
    public bool HeldOutTrainsStackerOnly { get; init; }

    /// <summary>
    /// Overrides <see cref="SemanticRouterOptions.CapParaphraseSimilarity"/> (see <see cref="ParaphraseFreeRows"/>); null: the options' value.
    /// </summary>
    public double? CapParaphraseSimilarity { get; init; }

    /// <summary>Overrides <see cref="SemanticRouterOptions.NeighbourVote"/>; null: the options' value.</summary>
    public bool? NeighbourVote { get; init; }

    /// <summary>Overrides <see cref="SemanticRouterOptions.BlendCharNgrams"/>; null: the options' value.</summary>
    public bool? BlendCharNgrams { get; init; }

    /// <summary>The evidence a request is scored on, with the features the variant turns off set to 0.</summary>
    public RouteEvidence Mask(RouteEvidence e)
    {
        if (StackerFeatures is not { } on)
        {
            return e;
        }

        return e with
        {
            Confidence = on[0] ? e.Confidence : 0.5f,
            Similarity = on[1] ? e.Similarity : 0f,
            NegativeSimilarity = on[2] ? e.NegativeSimilarity : 0f,
            RouteSimilarity = on[3] ? e.RouteSimilarity : 0f,
            OutOfScopeProbability = on[4] ? e.OutOfScopeProbability : 0.5f,
            Energy = on[5] ? e.Energy : 0f,
        };
    }
}
