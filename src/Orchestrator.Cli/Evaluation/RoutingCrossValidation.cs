using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// The router fit's out-of-fold figures on its training data at the chosen threshold: in-scope
/// accuracy, recall on the given negatives and background, and recall on examples whose whole
/// route was held out of the fit (a stand-in for unseen out-of-scope requests).
/// </summary>
public sealed record RoutingCrossValidation(
    [property: JsonPropertyName("in_scope_accuracy")] double InScopeAccuracy,
    [property: JsonPropertyName("oos_recall")] double? OosRecall,
    [property: JsonPropertyName("held_out_route_recall")] double? HeldOutRouteRecall);
