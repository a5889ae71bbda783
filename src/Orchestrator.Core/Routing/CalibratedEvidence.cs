namespace Orchestrator.Routing;

/// <summary>What <see cref="SemanticRouterCalibrator.Calibrate"/> fitted, with the out-of-fold evidence it fitted it on.</summary>
internal sealed record CalibratedEvidence(
    float Temperature,
    RouteEvidence[] Evidence,
    IReadOnlyList<RouteEvidence> HeldOut,
    CalibrationRows Rows,
    InScopeStacker? Stacker,
    float Threshold,
    IReadOnlyList<EvidenceCrossValidation> CrossValidation)
{
    /// <summary>The <see cref="Routing.NeighbourVote"/> weight chosen on the out-of-fold rows; 0: the head's arg-max.</summary>
    public float NeighbourVote { get; init; }

    /// <summary>The <see cref="NgramBlend"/> weight of the head's n-gram part chosen on the out-of-fold rows; 1: the head as trained.</summary>
    public float NgramWeight { get; init; } = 1f;
}
