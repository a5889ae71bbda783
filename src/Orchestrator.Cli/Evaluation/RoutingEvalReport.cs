using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>Per-request routing latency in milliseconds.</summary>
public sealed record LatencySummary(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99);

/// <summary>The <c>eval routing --json</c> object; property names are the contract's.</summary>
public sealed record RoutingEvalReport
{
    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Test utterances routed.</summary>
    [JsonPropertyName("examples")]
    public required int Examples { get; init; }

    /// <summary>Routes the router was fitted with.</summary>
    [JsonPropertyName("routes")]
    public required int Routes { get; init; }

    /// <summary>In-scope utterances routed to their own label; a rejection counts as an error.</summary>
    [JsonPropertyName("in_scope_accuracy")]
    public required double InScopeAccuracy { get; init; }

    /// <summary>Share of out-of-scope utterances rejected; null without out-of-scope test data.</summary>
    [JsonPropertyName("oos_recall")]
    public required double? OosRecall { get; init; }

    /// <summary>Share of rejections that were out of scope; null without out-of-scope test data.</summary>
    [JsonPropertyName("oos_precision")]
    public required double? OosPrecision { get; init; }

    /// <summary>Mean F1 over the in-scope labels of the test set (out-of-scope is not averaged in).</summary>
    [JsonPropertyName("macro_f1")]
    public required double MacroF1 { get; init; }

    /// <summary>The router's out-of-scope threshold, fitted on training data.</summary>
    [JsonPropertyName("threshold")]
    public required double Threshold { get; init; }

    /// <summary>Expected calibration error of the routed (not rejected) requests' confidence, 10 bins; null when nothing was routed.</summary>
    [JsonPropertyName("ece")]
    public double? ExpectedCalibrationError { get; init; }

    /// <summary>How the low-confidence flag falls on the accepted requests: right, misrouted, out of scope.</summary>
    [JsonPropertyName("low_confidence")]
    public RoutingLowConfidence? LowConfidence { get; init; }

    /// <summary>Background utterances the router used as extra negatives (0 with <c>--background none</c>).</summary>
    [JsonPropertyName("background_examples")]
    public int BackgroundExamples { get; init; }

    /// <summary>In-scope labels removed from training by <c>--holdout-intents</c>; their test rows count as out of scope.</summary>
    [JsonPropertyName("held_out_intents")]
    public int HeldOutIntents { get; init; }

    /// <summary>The fit's own out-of-fold estimate on training data, for the evidence in use; null without cross-validation.</summary>
    [JsonPropertyName("cross_validation")]
    public RoutingCrossValidation? CrossValidation { get; init; }

    [JsonPropertyName("fit_seconds")]
    public required double FitSeconds { get; init; }

    [JsonPropertyName("latency_ms")]
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Whether the main figures above routed the spelling-corrected text.</summary>
    [JsonPropertyName("typo_correction")]
    public bool TypoCorrection { get; init; }

    /// <summary>Clean against noisy text, without and with correction; null unless <c>--typos</c> was given.</summary>
    [JsonPropertyName("typos")]
    public TypoEvalReport? Typos { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
