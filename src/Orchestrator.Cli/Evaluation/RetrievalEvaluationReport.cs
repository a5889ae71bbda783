using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The <c>eval retrieval --json</c> object (CONTRACTS.md); property names are the contract's.</summary>
public sealed record RetrievalEvaluationReport
{
    [JsonPropertyName("questions")]
    public int Questions { get; init; }

    [JsonPropertyName("paragraphs")]
    public int Paragraphs { get; init; }

    [JsonPropertyName("recall_at_1")]
    public double RecallAt1 { get; init; }

    [JsonPropertyName("recall_at_5")]
    public double RecallAt5 { get; init; }

    /// <summary>Mean reciprocal rank of the first gold chunk within the top 5 (0 when absent).</summary>
    [JsonPropertyName("mrr")]
    public double Mrr { get; init; }

    [JsonPropertyName("answer_contains_gold")]
    public double AnswerContainsGold { get; init; }

    /// <summary>The same test on the answer's first sentence only: does the answer lead with the answer?</summary>
    [JsonPropertyName("first_sentence_contains_gold")]
    public double FirstSentenceContainsGold { get; init; }

    [JsonPropertyName("latency_ms")]
    public required RetrievalLatency LatencyMs { get; init; }

    /// <summary>
    /// SQuAD v2.0's unanswerable questions (<c>is_impossible</c>), scored apart: they are not in
    /// <see cref="Questions"/> or the shares above. Absent from the JSON when the file has none.
    /// </summary>
    [JsonPropertyName("unanswerable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UnanswerableScores? Unanswerable { get; init; }

    /// <summary>Time spent ingesting the paragraphs; not part of the contract's JSON.</summary>
    [JsonIgnore]
    public double IngestSeconds { get; init; }

    /// <summary>Chunks the paragraphs became; not part of the contract's JSON.</summary>
    [JsonIgnore]
    public int Chunks { get; init; }

    /// <summary>The questions whose answer lacks the gold answer (<c>--misses</c> writes them); not part of the contract's JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<RetrievalMiss> Misses { get; init; } = [];
}

/// <summary>A question whose answer lacks every gold answer: what was asked, the gold, the gold paragraph's rank (0 = not in the top 5) and the answer.</summary>
public sealed record RetrievalMiss(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("gold")] IReadOnlyList<string> Gold,
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("answer")] string Answer);

/// <summary>
/// How unanswerable questions were handled, beside the cost on answerable ones. "Declined": the retrieval
/// specialist found nothing relevant enough (the pipeline then escalates). "Withheld": it quoted something,
/// but the <c>relevance</c> output check (when an agent lists it) fails the answer. The rest were answered.
/// </summary>
public sealed record UnanswerableScores(
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("declined")] double Declined,
    [property: JsonPropertyName("withheld_by_relevance")] double WithheldByRelevance,
    [property: JsonPropertyName("answered")] double Answered,
    [property: JsonPropertyName("answerable_withheld_by_relevance")] double AnswerableWithheldByRelevance);

public sealed record RetrievalLatency(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95);
