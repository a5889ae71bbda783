namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// Thresholds for <see cref="GroundednessCheck"/>. Defaults were chosen by measuring all-MiniLM-L6-v2
/// on the fixtures in GroundednessCheckTests (verbatim and paraphrased sentences must pass; a changed
/// number or an invented sentence must fail); see the property comments for the measured margins.
/// </summary>
public sealed record GroundednessOptions
{
    /// <summary>
    /// Minimum cosine similarity between an answer sentence and the passage (whole chunk or one of
    /// its sentences). Default 0.6: on the fixtures paraphrases measured 0.85-0.94 and invented
    /// sentences 0.25-0.44, so 0.6 leaves room for looser paraphrases while the number and term rules
    /// catch on-topic changes that similarity cannot see (a changed number still scores about 0.95).
    /// </summary>
    public double MinSimilarity { get; init; } = 0.6;

    /// <summary>
    /// Minimum fraction of the sentence's key terms (content words and names, stemmed) that the
    /// passage must contain. Default 0.5: on the fixtures paraphrases kept 0.75-1.0 of their terms and
    /// invented sentences 0-0.29.
    /// </summary>
    public double MinTermCoverage { get; init; } = 0.5;

    /// <summary>Fraction of sentences that must be supported for the check to pass. Default 1: every sentence.</summary>
    public double MinSupportedFraction { get; init; } = 1.0;

    /// <summary>How much of the first unsupported sentence the detail quotes. Default 80 characters.</summary>
    public int MaxQuotedLength { get; init; } = 80;

    /// <summary>
    /// How many passage sentence vectors the check keeps for passages that arrive without stored
    /// vectors (<see cref="Passage.SentenceVectors"/>), so a passage is embedded once, not per check. Default 10,000.
    /// </summary>
    public int VectorCacheSize { get; init; } = 10_000;
}
