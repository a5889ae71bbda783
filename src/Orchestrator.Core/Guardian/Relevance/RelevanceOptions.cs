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

    /// <summary>
    /// Share of the question's key terms that the evidence passages (and the answer) must hold for an
    /// answer to count as holding what was asked without a closer look. Default 0.5. Below it, the
    /// answer must also have one sentence at least <see cref="MinQuotedSentenceSimilarity"/> similar
    /// to the question, or it is withheld as a quote from a passage about something else. Chosen on
    /// XQuAD-en articles with an even index (docs/benchmarks.md, branch abstain25).
    /// </summary>
    public double MinEvidenceTermCoverage { get; init; } = 0.5;

    /// <summary>Cosine similarity of the question and the closest answer sentence that keeps an answer whose passages hold few of the question's key terms. Default 0.46.</summary>
    public double MinQuotedSentenceSimilarity { get; init; } = 0.46;
}
