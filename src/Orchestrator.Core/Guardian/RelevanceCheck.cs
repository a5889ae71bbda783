using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Guardian.Relevance;
using Orchestrator.Models;

namespace Orchestrator.Guardian;

/// <summary>
/// Does the answer address the question? Groundedness only says an answer is true to the
/// evidence, so a verbatim sentence about something else passes it. This check fails an answer
/// that lacks the kind of content the question asks for (a time for "when", a number for "how
/// many", a name not already in the question for "who" and "where"), or that is off topic: it
/// repeats too few of the question's key terms and, embedded once against the question, is not
/// similar enough either. Score: 1 when both hold, 0.5 when one does, 0 when neither.
/// A third rule catches a quote from a neighbouring passage when the documents hold no answer: when
/// the evidence passages hold under half of the question's key terms and no answer sentence is
/// close to the question, the answer fails (score 0.5) as likely not holding what was asked.
/// The comparison reuses the vectors a request already has: an answer that is one of the evidence
/// passages' units (an extractive answer quoting a sentence) has its vector stored with the passage,
/// and the question's vector is in the request's memo from routing (the embedder is the request-scoped
/// one), so only what neither holds is embedded.
/// </summary>
public sealed class RelevanceCheck : IGuardianCheck
{
    public const string CheckName = "relevance";

    private const int MaxComparedSentences = 8;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RelevanceOptions _options;
    private readonly PassageVectors _known;

    public RelevanceCheck(IEmbeddingGenerator<string, Embedding<float>> embedder, RelevanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _options = options ?? new RelevanceOptions();

        // Lookups only (capacity 0): stored passage vectors, never a cache of this check's own.
        _known = new PassageVectors(embedder, capacity: 0);
    }

    public string Name => CheckName;

    public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = TextFeatures.StripCitations(context.Answer).Trim();
        if (answer.Length == 0)
        {
            return new GuardianCheckResult(CheckName, false, 0.0, "the answer is empty");
        }

        if (string.IsNullOrWhiteSpace(context.Question))
        {
            return new GuardianCheckResult(CheckName, true, 1.0, "no question to compare with");
        }

        var kind = QuestionKinds.Of(context.Question);
        var kindHolds = QuestionKinds.Answers(kind, context.Question, answer);
        var questionTerms = TextFeatures.KeyTerms(context.Question);
        var answerTerms = TextFeatures.KeyTerms(answer);
        var coverage = questionTerms.Count == 0 ? 1.0 : (double)questionTerms.Count(answerTerms.Contains) / questionTerms.Count;
        var onTopic = coverage >= _options.MinQuestionTermCoverage;
        var similarity = double.NaN;
        var embedded = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!onTopic && kindHolds)
        {
            var vectors = await VectorsAsync([context.Question, answer], context.Evidence, embedded, cancellationToken).ConfigureAwait(false);
            similarity = VectorMath.Dot(vectors[0], vectors[1]);
            onTopic = similarity >= _options.MinSimilarity;
        }

        if (kindHolds && onTopic && questionTerms.Count > 0 && context.Evidence.Count > 0)
        {
            var held = await HeldAsync(context, answer, questionTerms, answerTerms, embedded, cancellationToken).ConfigureAwait(false);
            if (held is { } missing)
            {
                return new GuardianCheckResult(CheckName, false, 0.5, missing);
            }
        }

        var score = ((kindHolds ? 1 : 0) + (onTopic ? 1 : 0)) / 2.0;
        var detail = (kindHolds, onTopic) switch
        {
            (true, true) => "the answer addresses the question",
            (false, _) => $"the question asks for a {Describe(kind)} and the answer holds none",
            _ => double.IsNaN(similarity)
                ? $"the answer repeats {coverage:P0} of the question's key terms"
                : $"the answer repeats {coverage:P0} of the question's key terms and its similarity to the question is {similarity:F2}",
        };
        return new GuardianCheckResult(CheckName, kindHolds && onTopic, score, detail);
    }

    // An answer quoted from a passage next to the missing one (same article, same policy) repeats
    // the topic's words but not the question's specific ones, and none of its sentences is close to
    // the question. Both must hold: synonyms ("vacation" for "annual leave") and typos lower term
    // coverage alone, and a short question lowers similarity alone. Returns the reason, or null.
    private async Task<string?> HeldAsync(GuardianCheckContext context, string answer, IReadOnlySet<string> questionTerms, IReadOnlySet<string> answerTerms, Dictionary<string, float[]> embedded, CancellationToken cancellationToken)
    {
        var inPassages = new HashSet<string>(answerTerms, StringComparer.Ordinal);
        foreach (var passage in context.Evidence)
        {
            inPassages.UnionWith(TextFeatures.KeyTerms(passage.Text));
        }

        var coverage = (double)questionTerms.Count(inPassages.Contains) / questionTerms.Count;
        if (coverage >= _options.MinEvidenceTermCoverage)
        {
            return null;
        }

        // An extractive answer has a handful of sentences; a long generated one is judged by its first ones.
        var sentences = TextFeatures.SplitSentences(answer).Take(MaxComparedSentences).ToList();
        if (sentences.Count == 0)
        {
            return null;
        }

        var vectors = await VectorsAsync([context.Question, .. sentences], context.Evidence, embedded, cancellationToken).ConfigureAwait(false);
        var closest = vectors.Skip(1).Max(v => VectorMath.Dot(vectors[0], v));
        return closest >= _options.MinQuotedSentenceSimilarity
            ? null
            : $"the passages hold {coverage:P0} of the question's key terms and the closest answer sentence has similarity {closest:F2}: the documents may not answer this question";
    }

    // Stored vectors first (same text, same model; with the int8 encoder a vector embedded in ingest's
    // batch can differ from a fresh one in the last digits: docs/benchmarks.md, branch gperf19), then
    // one call for the rest; inside a request the embedder answers the question from its memo.
    // The rules share one call's vectors (embedded), so the question and a one-sentence answer are
    // embedded at most once per check.
    private async Task<float[][]> VectorsAsync(IReadOnlyList<string> texts, IReadOnlyList<Passage> evidence, Dictionary<string, float[]> embedded, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<string>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (_known.TryFind(evidence, texts[i], out var stored) || embedded.TryGetValue(texts[i], out stored))
            {
                result[i] = stored;
            }
            else
            {
                missing.Add(texts[i]);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await _embedder.EmbedManyAsync(missing, cancellationToken).ConfigureAwait(false);
            for (int i = 0, k = 0; i < texts.Count; i++)
            {
                if (result[i] is null)
                {
                    result[i] = fresh[k++];
                    embedded.TryAdd(texts[i], result[i]);
                }
            }
        }

        return result;
    }

    private static string Describe(QuestionKind kind) => kind switch
    {
        QuestionKind.Person => "name",
        QuestionKind.Time => "time or date",
        QuestionKind.Quantity => "number or amount",
        QuestionKind.Place => "place",
        _ => "answer",
    };
}
