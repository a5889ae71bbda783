using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// Every answer sentence (citation markers such as [1] removed) must be supported by one retrieved
/// passage: semantically close to the passage or one of its sentences, every number in it present in
/// that passage, and most of its key terms present too. Similarity alone lets "30 days" pass for
/// "25 days"; the number and term rules catch that. Score is the fraction of supported sentences; the
/// detail quotes the first unsupported one. No evidence, or an empty answer, fails.
/// </summary>
public sealed class GroundednessCheck : IGuardianCheck
{
    public const string CheckName = "groundedness";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly GroundednessOptions _options;

    public GroundednessCheck(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundednessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _options = options ?? new GroundednessOptions();
    }

    public string Name => CheckName;

    public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sentences = TextFeatures.SplitSentences(TextFeatures.StripCitations(context.Answer));
        if (sentences.Count == 0)
        {
            return Fail("the answer is empty");
        }

        var passages = context.Evidence.Where(p => !string.IsNullOrWhiteSpace(p.Text)).Select(p => new PassageFeatures(p)).ToList();
        if (passages.Count == 0)
        {
            return Fail("no evidence passages were retrieved, so no sentence can be supported");
        }

        // A sentence quoted verbatim from a passage is supported by definition (similarity 1, every
        // number and term present), so only the others need embedding. Extractive answers are all
        // quotes, which keeps the check to string comparisons on the hot path.
        var quoted = sentences.Select(s => passages.Any(p => p.Quotes(s))).ToArray();
        var paraphrased = sentences.Where((_, i) => !quoted[i]).ToList();
        var similarities = paraphrased.Count == 0 ? [] : await SimilaritiesAsync(paraphrased, passages, cancellationToken).ConfigureAwait(false);
        var supported = 0;
        string? firstUnsupported = null;
        for (int s = 0, k = 0; s < sentences.Count; s++)
        {
            if (quoted[s])
            {
                supported++;
                continue;
            }

            var row = similarities[k++];
            if (Enumerable.Range(0, passages.Count).Any(p => Supports(passages[p], sentences[s], row[p])))
            {
                supported++;
            }
            else
            {
                firstUnsupported ??= sentences[s];
            }
        }

        var score = (double)supported / sentences.Count;
        var detail = firstUnsupported is null
            ? $"all {sentences.Count} sentences supported"
            : $"{supported} of {sentences.Count} sentences supported; first unsupported: \"{Truncate(firstUnsupported)}\"";
        return new GuardianCheckResult(CheckName, score >= _options.MinSupportedFraction, score, detail);
    }

    private bool Supports(PassageFeatures passage, string sentence, double similarity) =>
        similarity >= _options.MinSimilarity
        && TextFeatures.Numbers(sentence).All(passage.Numbers.Contains)
        && Coverage(TextFeatures.KeyTerms(sentence), passage.Terms) >= _options.MinTermCoverage;

    private static double Coverage(IReadOnlySet<string> terms, IReadOnlySet<string> available) =>
        terms.Count == 0 ? 1.0 : (double)terms.Count(available.Contains) / terms.Count;

    /// <summary>similarities[sentence][passage]: max cosine over the passage and its sentences, from one batched embedding call.</summary>
    private async Task<double[][]> SimilaritiesAsync(IReadOnlyList<string> sentences, List<PassageFeatures> passages, CancellationToken cancellationToken)
    {
        var texts = sentences.Concat(passages.SelectMany(p => p.Units)).ToList();
        var vectors = await _embedder.EmbedManyAsync(texts, cancellationToken).ConfigureAwait(false);
        var result = new double[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            result[s] = new double[passages.Count];
            var offset = sentences.Count;
            for (var p = 0; p < passages.Count; p++)
            {
                var best = double.MinValue;
                for (var u = 0; u < passages[p].Units.Count; u++)
                {
                    best = Math.Max(best, VectorMath.Dot(vectors[s], vectors[offset + u]));
                }

                result[s][p] = best;
                offset += passages[p].Units.Count;
            }
        }

        return result;
    }

    private string Truncate(string sentence) =>
        sentence.Length <= _options.MaxQuotedLength ? sentence : string.Concat(sentence.AsSpan(0, _options.MaxQuotedLength), "…");

    private static GuardianCheckResult Fail(string detail) => new(CheckName, false, 0.0, detail);

    /// <summary>A passage's comparable features; Units are the whole text then each sentence (when more than one).</summary>
    private sealed class PassageFeatures
    {
        public PassageFeatures(Passage passage)
        {
            var text = TextFeatures.StripCitations(passage.Text);
            var sentences = TextFeatures.SplitSentences(text);
            Units = sentences.Count > 1 ? [text, .. sentences] : [text];
            Numbers = TextFeatures.Numbers(text);
            Terms = TextFeatures.KeyTerms(text);
            _normalized = Normalize(text);
        }

        private readonly string _normalized;

        /// <summary>True when the sentence occurs in the passage, ignoring case and runs of white space.</summary>
        public bool Quotes(string sentence)
        {
            var needle = Normalize(sentence);
            return needle.Length > 0 && _normalized.Contains(needle, StringComparison.Ordinal);
        }

        private static string Normalize(string text) =>
            string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

        public IReadOnlyList<string> Units { get; }

        public IReadOnlySet<decimal> Numbers { get; }

        public IReadOnlySet<string> Terms { get; }
    }
}
