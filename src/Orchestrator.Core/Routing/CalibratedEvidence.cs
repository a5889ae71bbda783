namespace Orchestrator.Routing;

/// <summary>What <see cref="SemanticRouterCalibrator.Calibrate"/> fitted, with the out-of-fold evidence it fitted it on.</summary>
internal sealed record CalibratedEvidence(
    float Temperature,
    RouteEvidence[] Evidence,
    IReadOnlyList<RouteEvidence> HeldOut,
    CalibrationRows Rows,
    InScopeStacker? Stacker,
    float Threshold,
    IReadOnlyList<EvidenceCrossValidation> CrossValidation);
