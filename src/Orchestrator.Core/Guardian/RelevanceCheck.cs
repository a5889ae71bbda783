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
/// </summary>
public sealed class RelevanceCheck : IGuardianCheck
{
    public const string CheckName = "relevance";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RelevanceOptions _options;

    public RelevanceCheck(IEmbeddingGenerator<string, Embedding<float>> embedder, RelevanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _options = options ?? new RelevanceOptions();
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
        if (!onTopic && kindHolds)
        {
            var vectors = await _embedder.EmbedManyAsync([context.Question, answer], cancellationToken).ConfigureAwait(false);
            similarity = VectorMath.Dot(vectors[0], vectors[1]);
            onTopic = similarity >= _options.MinSimilarity;
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

    private static string Describe(QuestionKind kind) => kind switch
    {
        QuestionKind.Person => "name",
        QuestionKind.Time => "time or date",
        QuestionKind.Quantity => "number or amount",
        QuestionKind.Place => "place",
        _ => "answer",
    };
}
