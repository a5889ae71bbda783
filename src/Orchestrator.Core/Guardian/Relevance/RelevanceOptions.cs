namespace Orchestrator.Guardian.Relevance;

/// <summary>Thresholds for <see cref="RelevanceCheck"/>.</summary>
public sealed record RelevanceOptions
{
    /// <summary>
    /// Share of the question's key terms the answer must repeat to count as on topic without
    /// embedding anything. Default 0.25: an answer about the asked-for thing nearly always repeats
    /// the subject or the verb of the question.
    /// </summary>
    public double MinQuestionTermCoverage { get; init; } = 0.25;

    /// <summary>Cosine similarity of question and answer that counts as on topic when few terms are shared. Default 0.5.</summary>
    public double MinSimilarity { get; init; } = 0.5;
}
