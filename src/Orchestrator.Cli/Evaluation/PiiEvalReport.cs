using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>eval guardian --task pii --json</c> object (CONTRACTS.md); property names are the contract's.</summary>
public sealed record PiiEvalReport
{
    [JsonPropertyName("sentences")]
    public int Sentences { get; init; }

    [JsonPropertyName("spans")]
    public int Spans { get; init; }

    /// <summary>Per Presidio entity type, every type that is in the gold data or was predicted.</summary>
    [JsonPropertyName("types")]
    public required IReadOnlyDictionary<string, PiiTypeScore> Types { get; init; }

    /// <summary>Over all spans, including types the detector does not look for (GPE, ORGANIZATION, ...).</summary>
    [JsonPropertyName("micro")]
    public required PiiScore Micro { get; init; }

    /// <summary>Extension: over the structured types only (card, phone, e-mail, IBAN, SSN, IP address).</summary>
    [JsonPropertyName("structured")]
    public required PiiScore Structured { get; init; }

    /// <summary>Extension: over the types the detector looks for (structured plus PERSON and STREET_ADDRESS).</summary>
    [JsonPropertyName("detected_types")]
    public required PiiScore DetectedTypes { get; init; }

    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }
}

public sealed record PiiScore(
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1);

/// <summary>
/// Exact span scores per type, plus (extension) overlap scores: a gold span counts as found when a
/// predicted span of the same type overlaps it, which is what redaction needs even where the
/// dataset's boundaries differ (a postcode or unit number inside or outside an address).
/// </summary>
public sealed record PiiTypeScore(
    [property: JsonPropertyName("gold")] int Gold,
    [property: JsonPropertyName("predicted")] int Predicted,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("overlap_precision")] double OverlapPrecision,
    [property: JsonPropertyName("overlap_recall")] double OverlapRecall)
{
    /// <summary>
    /// Extension, STREET_ADDRESS only (absent for the other types): exact scores after joining fragments. Gold spans
    /// that only separators and other gold spans part ("28030", "Edeby 55", "Apt. 297", [GPE], "99178": one address the
    /// dataset splits) count as one span, predicted spans that only separators part likewise, and trailing dots,
    /// commas and spaces are trimmed; a joined span is found when both ends match.
    /// </summary>
    [JsonPropertyName("joined_precision")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? JoinedPrecision { get; init; }

    [JsonPropertyName("joined_recall")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? JoinedRecall { get; init; }

    [JsonPropertyName("joined_f1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? JoinedF1 { get; init; }
}
