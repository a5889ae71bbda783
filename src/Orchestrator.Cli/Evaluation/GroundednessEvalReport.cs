using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>eval guardian --task groundedness --json</c> object (CONTRACTS.md); property names are the contract's.</summary>
public sealed record GroundednessEvalReport
{
    [JsonPropertyName("true_sentences")]
    public int TrueSentences { get; init; }

    [JsonPropertyName("true_pass_rate")]
    public double TruePassRate { get; init; }

    [JsonPropertyName("swapped_name_caught")]
    public double SwappedNameCaught { get; init; }

    [JsonPropertyName("mixed_number_caught")]
    public double MixedNumberCaught { get; init; }

    [JsonPropertyName("foreign_sentence_caught")]
    public double ForeignSentenceCaught { get; init; }

    /// <summary>Per groundedness check, every kind of case.</summary>
    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }

    /// <summary>
    /// Extension: the same groundedness checks as a request runs them: the paragraph carries the unit
    /// vectors ingest stores and the check embeds through a request-scoped memo.
    /// </summary>
    [JsonPropertyName("latency_in_request_ms")]
    public RetrievalLatency? LatencyInRequestMs { get; init; }

    /// <summary>Extension: cases whose in-request verdict differs from the one in <see cref="TruePassRate"/> and the caught rates (stored vectors are embedded in ingest's batches).</summary>
    [JsonPropertyName("in_request_verdicts_differing")]
    public int? InRequestVerdictsDiffering { get; init; }

    /// <summary>Extension: how many perturbed copies of each kind were made.</summary>
    [JsonPropertyName("perturbed")]
    public required IReadOnlyDictionary<string, int> Perturbed { get; init; }

    /// <summary>Extension: the relevance check on each question with the true sentence that answers it.</summary>
    [JsonPropertyName("relevance_true_pass_rate")]
    public double RelevanceTruePassRate { get; init; }

    /// <summary>Extension: the relevance check on each question with a true sentence of the same paragraph that answers another question.</summary>
    [JsonPropertyName("relevance_wrong_answer_caught")]
    public double RelevanceWrongAnswerCaught { get; init; }

    [JsonPropertyName("relevance_latency_ms")]
    public required RetrievalLatency RelevanceLatencyMs { get; init; }

    /// <summary>
    /// Extension: the relevance check as a request runs it: the paragraph carries the unit vectors ingest
    /// stores (<c>Passage.SentenceVectors</c>) and the question's vector is already in the request's memo
    /// (routing embedded it). Same cases as <see cref="RelevanceLatencyMs"/>.
    /// </summary>
    [JsonPropertyName("relevance_latency_in_request_ms")]
    public RetrievalLatency? RelevanceLatencyInRequestMs { get; init; }

    /// <summary>Extension: <see cref="RelevanceTruePassRate"/> measured the in-request way (the same unless reused vectors change a verdict).</summary>
    [JsonPropertyName("relevance_in_request_true_pass_rate")]
    public double? RelevanceInRequestTruePassRate { get; init; }

    /// <summary>Extension: <see cref="RelevanceWrongAnswerCaught"/> measured the in-request way.</summary>
    [JsonPropertyName("relevance_in_request_wrong_answer_caught")]
    public double? RelevanceInRequestWrongAnswerCaught { get; init; }
}
