using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// Every answer sentence (citation markers such as [1] removed) must be supported by one retrieved
/// passage: most of its key terms present in the passage, its names and numbers found together in
/// one supporting sentence of it in the same relation (<see cref="AnchorRule"/>: a swapped name or a
/// mixed-up pair of numbers fails), and semantically close to the passage or one of its sentences.
/// A verbatim quote is supported by definition. The lexical rules run first and only sentences
/// that pass them are embedded, once each; passage unit vectors come from
/// <see cref="Passage.SentenceVectors"/> (stored at ingest) or, for passages without stored vectors,
/// from a bounded cache. Score is the fraction of supported sentences; the detail quotes the first
/// unsupported one. No evidence, or an empty answer, fails.
/// </summary>
public sealed class GroundednessCheck : IGuardianCheck
{
    public const string CheckName = "groundedness";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly GroundednessOptions _options;
    private readonly PassageVectors _vectors;

    public GroundednessCheck(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundednessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _options = options ?? new GroundednessOptions();
        _vectors = new PassageVectors(embedder, _options.VectorCacheSize);
    }

    public string Name => CheckName;

    public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sentences = TextFeatures.SplitCitedSentences(context.Answer);
        if (sentences.Count == 0)
        {
            return Fail("the answer is empty");
        }

        var evidence = context.Evidence.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
        var passages = evidence.Select(PassageFeatures.Of).ToList();
        if (passages.Count == 0)
        {
            return Fail("no evidence passages were retrieved, so no sentence can be supported");
        }

        // Quotes pass; sentences that fail the lexical rules against every passage fail without
        // embedding anything; only the rest (paraphrases) are embedded, in one batch.
        var candidates = new List<int>[sentences.Count];
        var supported = new bool[sentences.Count];
        var toEmbed = new List<int>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var needle = PassageFeatures.Normalize(sentences[s]);
            if (passages.Any(p => p.QuotesNormalized(needle)))
            {
                supported[s] = true;
                continue;
            }

            // The sentence's terms and anchors once, compared with every passage.
            var terms = TextFeatures.KeyTerms(sentences[s]);
            Anchors? anchors = null;
            candidates[s] = [];
            for (var p = 0; p < passages.Count; p++)
            {
                if (Coverage(terms, passages[p].Terms) >= _options.MinTermCoverage && AnchorRule.Holds(anchors ??= Anchors.Of(sentences[s]), terms, passages[p]))
                {
                    candidates[s].Add(p);
                }
            }

            if (candidates[s].Count > 0)
            {
                toEmbed.Add(s);
            }
        }

        if (toEmbed.Count > 0)
        {
            var sentenceVectors = await SentenceVectorsAsync(toEmbed.Select(s => sentences[s]).ToList(), evidence, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < toEmbed.Count; k++)
            {
                var s = toEmbed[k];
                foreach (var p in candidates[s])
                {
                    var units = await _vectors.GetAsync(evidence[p], passages[p].Units, cancellationToken).ConfigureAwait(false);
                    if (units.Any(u => VectorMath.Dot(sentenceVectors[k], u) >= _options.MinSimilarity))
                    {
                        supported[s] = true;
                        break;
                    }
                }
            }
        }

        var count = supported.Count(x => x);
        var firstUnsupported = Enumerable.Range(0, sentences.Count).Where(s => !supported[s]).Select(s => sentences[s]).FirstOrDefault();
        var score = (double)count / sentences.Count;
        var detail = firstUnsupported is null
            ? $"all {sentences.Count} sentences supported"
            : $"{count} of {sentences.Count} sentences supported; first unsupported: \"{Truncate(firstUnsupported)}\"";
        return new GuardianCheckResult(CheckName, score >= _options.MinSupportedFraction, score, detail);
    }

    // An answer sentence that is itself one of the passages' units (a table row read as a sentence,
    // which the raw passage text does not contain verbatim) already has a vector: the one stored at
    // ingest or remembered for that unit. Same text, same model, same vector; only the rest are embedded.
    private async Task<IReadOnlyList<float[]>> SentenceVectorsAsync(IReadOnlyList<string> texts, IReadOnlyList<Passage> evidence, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_vectors.TryFind(evidence, texts[i], out var known))
            {
                result[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await _embedder.EmbedManyAsync(missing.Select(i => texts[i]).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < missing.Count; k++)
            {
                result[missing[k]] = fresh[k];
            }
        }

        return result;
    }

    private static double Coverage(IReadOnlySet<string> terms, IReadOnlySet<string> available) =>
        terms.Count == 0 ? 1.0 : (double)terms.Count(available.Contains) / terms.Count;

    private string Truncate(string sentence) =>
        sentence.Length <= _options.MaxQuotedLength ? sentence : string.Concat(sentence.AsSpan(0, _options.MaxQuotedLength), "…");

    private static GuardianCheckResult Fail(string detail) => new(CheckName, false, 0.0, detail);
}
