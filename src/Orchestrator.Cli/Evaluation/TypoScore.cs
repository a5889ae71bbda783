using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>Routing quality of one text condition in <c>eval routing --typos</c>.</summary>
public sealed record TypoScore(
    [property: JsonPropertyName("in_scope_accuracy")] double InScopeAccuracy,
    [property: JsonPropertyName("oos_recall")] double? OosRecall);
