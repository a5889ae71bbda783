using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>eval answers --json</c> object (CONTRACTS.md "eval answers").</summary>
public sealed record AnswerEvalReport(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("useful")] double Useful,
    [property: JsonPropertyName("route_accuracy")] double RouteAccuracy,
    [property: JsonPropertyName("facts")] double Facts,
    [property: JsonPropertyName("citations")] double Citations,
    [property: JsonPropertyName("tools")] double Tools,
    [property: JsonPropertyName("categories")] IReadOnlyDictionary<string, AnswerCategoryScore> Categories,
    [property: JsonPropertyName("failures")] IReadOnlyList<AnswerCaseResult> Failures,
    [property: JsonPropertyName("latency_ms")] LatencySummary LatencyMs);

/// <summary>Scores of one category of cases.</summary>
public sealed record AnswerCategoryScore(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("useful")] double Useful,
    [property: JsonPropertyName("route_accuracy")] double RouteAccuracy,
    [property: JsonPropertyName("facts")] double Facts,
    [property: JsonPropertyName("citations")] double Citations);

/// <summary>How one case went; listed in the report when it was not useful.</summary>
public sealed record AnswerCaseResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("route_ok")] bool RouteOk,
    [property: JsonPropertyName("facts_ok")] bool FactsOk,
    [property: JsonPropertyName("citation_ok")] bool CitationOk,
    [property: JsonPropertyName("tool_ok")] bool ToolOk,
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("answer")] string Answer)
{
    [JsonIgnore]
    public bool Useful => RouteOk && FactsOk && CitationOk && ToolOk;

    /// <summary>The query retrieval searched with, when it differs from the message (a rewritten follow-up, a corrected typo).</summary>
    [JsonPropertyName("retrieval_query")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RetrievalQuery { get; init; }
}
