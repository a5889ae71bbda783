using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>eval guardian --task injection|harm --json</c> object (CONTRACTS.md).</summary>
public sealed record GuardianClassifierEvalReport
{
    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    [JsonPropertyName("positives")]
    public int Positives { get; init; }

    [JsonPropertyName("recall")]
    public double Recall { get; init; }

    [JsonPropertyName("benign_accuracy")]
    public double BenignAccuracy { get; init; }

    [JsonPropertyName("false_positive_rate")]
    public double FalsePositiveRate { get; init; }

    [JsonPropertyName("auc")]
    public double Auc { get; init; }

    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }

    /// <summary>
    /// Per-check latency inside a request whose question vector is already in the request's embedding
    /// memo (routing and the classifier share one encoder call), so only the classifier's own work
    /// counts; <see cref="LatencyMs"/> includes the encoder call. An extension of the contract's JSON.
    /// </summary>
    [JsonPropertyName("latency_in_request_ms")]
    public RetrievalLatency? LatencyInRequestMs { get; init; }

    /// <summary>The threshold the model flags at; not part of the contract's JSON.</summary>
    [JsonIgnore]
    public double Threshold { get; init; }
}
