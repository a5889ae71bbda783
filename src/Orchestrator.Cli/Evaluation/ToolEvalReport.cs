using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

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

    /// <summary>What the planner did per row: called a tool, asked for a missing argument, or declined. Beyond the contract's fields.</summary>
    [JsonPropertyName("plans")]
    public ToolPlanCounts Plans { get; init; } = new(0, 0, 0);

    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }
}

/// <summary>Rows by outcome: a tool called with every required argument, a follow-up question for a missing one, or no tool fits.</summary>
public sealed record ToolPlanCounts(
    [property: JsonPropertyName("called")] int Called,
    [property: JsonPropertyName("asked")] int Asked,
    [property: JsonPropertyName("declined")] int Declined);
