using System.Text.Json.Serialization;

namespace Orchestrator.Evaluation;

/// <summary>The <c>eval tools --json</c> object (CONTRACTS.md); property names are the contract's.</summary>
public sealed record ToolEvalReport
{
    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    /// <summary>Share of answered rows whose chosen function is the expected one; null without answers.</summary>
    [JsonPropertyName("selection_accuracy")]
    public double? SelectionAccuracy { get; init; }

    /// <summary>Share of "irrelevance" rows where nothing was called; null for other files.</summary>
    [JsonPropertyName("no_call_accuracy")]
    public double? NoCallAccuracy { get; init; }

    /// <summary>Share of answered rows whose function and every argument pass BFCL's acceptable-value check.</summary>
    [JsonPropertyName("argument_exact")]
    public double? ArgumentExact { get; init; }

    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }
}
