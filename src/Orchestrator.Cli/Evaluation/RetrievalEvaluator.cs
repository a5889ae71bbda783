using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Reading;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// <c>eval retrieval</c>: pools every paragraph of a SQuAD file into a fresh temporary SQLite store
/// through the normal chunker and embedder, then asks every question through the retrieval specialist.
/// Each paragraph is one document whose heading is its article title, as a wiki page section would be.
/// SQuAD v2.0's unanswerable questions are scored apart (<see cref="UnanswerableScores"/>): a right
/// answer to them declines, so counting them as misses would punish the behaviour users want.
/// </summary>
public sealed class RetrievalEvaluator
{
    private const int RecallDepth = 5;
    private const string Collection = "eval";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RetrievalOptions _retrievalOptions;
    private readonly IngestOptions _ingestOptions;

    public RetrievalEvaluator(IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions? retrievalOptions = null, IngestOptions? ingestOptions = null)
    {
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        var options = retrievalOptions ?? new RetrievalOptions();
        _retrievalOptions = options with { TopK = Math.Max(options.TopK, RecallDepth) };
        _ingestOptions = ingestOptions ?? new IngestOptions();
    }

    /// <param name="progress">Reports the number of questions answered so far.</param>
    public async Task<RetrievalEvaluationReport> EvaluateAsync(string datasetPath, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var paragraphs = await SquadDataset.LoadAsync(datasetPath, cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(Path.GetTempPath(), "orch-eval-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using var store = new SqliteVectorStore(Path.Combine(folder, "store.db"));
            var ingestClock = Stopwatch.StartNew();
            var ingestor = new DocumentIngestor(store, _embedder, folder, _ingestOptions);
            var chunks = 0;
            foreach (var paragraph in paragraphs)
            {
                var blocks = new[] { new DocumentBlock([paragraph.Title.Replace('_', ' ')], paragraph.Context) };
                chunks += await ingestor.IngestDocumentAsync(Collection, paragraph.Source, blocks, cancellationToken).ConfigureAwait(false) ?? 0;
            }

            var ingestSeconds = ingestClock.Elapsed.TotalSeconds;
            var specialist = new RetrievalSpecialist(store, _embedder, _retrievalOptions);

            // The relevance check runs only for files with unanswerable questions, to show what it
            // withholds on both kinds; SQuAD v1.1 files get the figures (and the time) they always had.
            var relevance = paragraphs.Any(p => p.Questions.Any(q => q.Unanswerable)) ? new RelevanceCheck(_embedder) : null;
            var scores = await AskAllAsync(specialist, relevance, paragraphs, progress, cancellationToken).ConfigureAwait(false);
            return Summarize(scores, paragraphs.Count, ingestSeconds, chunks);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static async Task<List<QuestionScore>> AskAllAsync(RetrievalSpecialist specialist, RelevanceCheck? relevance, IReadOnlyList<SquadParagraph> paragraphs, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var scores = new List<QuestionScore>();
        foreach (var paragraph in paragraphs)
        {
            foreach (var question in paragraph.Questions)
            {
                var clock = Stopwatch.StartNew();
                var answer = await specialist.AnswerFromCollectionAsync(Collection, question.Question, cancellationToken).ConfigureAwait(false);
                var latencyMs = clock.Elapsed.TotalMilliseconds;
                var rank = answer.Hits.Take(RecallDepth).ToList().FindIndex(h => h.Passage.Source == paragraph.Source) + 1;
                var containsGold = answer.Result.Succeeded && SquadNormalizer.ContainsAny(answer.Result.Answer, question.Answers);
                var firstContainsGold = answer.Result.Succeeded && SquadNormalizer.ContainsAny(FirstSentence(answer.Result.Answer), question.Answers);
                var withheld = relevance is not null && answer.Result.Succeeded &&
                    !(await relevance.CheckAsync(new GuardianCheckContext(question.Question, answer.Result.Answer, answer.Result.Evidence), cancellationToken).ConfigureAwait(false)).Passed;
                var miss = containsGold || question.Unanswerable ? null : new RetrievalMiss(question.Question, question.Answers, rank, answer.Result.Succeeded ? answer.Result.Answer : answer.Result.FailureReason ?? "");
                scores.Add(new QuestionScore(question.Unanswerable, rank, containsGold, firstContainsGold, !answer.Result.Succeeded, withheld, latencyMs, miss));
                progress?.Report(scores.Count);
            }
        }

        return scores;
    }

    private static RetrievalEvaluationReport Summarize(List<QuestionScore> all, int paragraphs, double ingestSeconds, int chunks)
    {
        var scores = all.Where(s => !s.Unanswerable).ToList();
        var unanswerable = all.Where(s => s.Unanswerable).ToList();
        static double ShareOf(List<QuestionScore> of, Func<QuestionScore, bool> predicate) => of.Count == 0 ? 0 : of.Count(predicate) / (double)of.Count;
        double Share(Func<QuestionScore, bool> predicate) => ShareOf(scores, predicate);
        var latencies = all.Select(s => s.LatencyMs).Order().ToList();
        return new RetrievalEvaluationReport
        {
            Questions = scores.Count,
            Paragraphs = paragraphs,
            RecallAt1 = Share(s => s.Rank == 1),
            RecallAt5 = Share(s => s.Rank is >= 1 and <= RecallDepth),
            Mrr = scores.Count == 0 ? 0 : scores.Average(s => s.Rank > 0 ? 1.0 / s.Rank : 0),
            AnswerContainsGold = Share(s => s.ContainsGold),
            FirstSentenceContainsGold = Share(s => s.FirstSentenceContainsGold),
            LatencyMs = new RetrievalLatency(Percentile(latencies, 0.50), Percentile(latencies, 0.95)),
            Unanswerable = unanswerable.Count == 0 ? null : new UnanswerableScores(
                unanswerable.Count,
                ShareOf(unanswerable, s => s.Declined),
                ShareOf(unanswerable, s => s.WithheldByRelevance),
                ShareOf(unanswerable, s => !s.Declined && !s.WithheldByRelevance),
                Share(s => s.WithheldByRelevance)),
            IngestSeconds = ingestSeconds,
            Chunks = chunks,
            Misses = [.. scores.Select(s => s.Miss).OfType<RetrievalMiss>()],
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leave a stray temp folder rather than hide the evaluation's own result or error.
        }
    }

    private sealed record QuestionScore(bool Unanswerable, int Rank, bool ContainsGold, bool FirstSentenceContainsGold, bool Declined, bool WithheldByRelevance, double LatencyMs, RetrievalMiss? Miss);

    /// <summary>An extractive answer's first quote runs up to its first citation marker; a generated one's first sentence ends at . ! or ?.</summary>
    internal static string FirstSentence(string answer)
    {
        var citation = System.Text.RegularExpressions.Regex.Match(answer, @"\[\d+\]", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (citation.Success)
        {
            return answer[..citation.Index];
        }

        var sentences = Orchestrator.Retrieval.Chunking.SentenceSplitter.Split(answer);
        return sentences.Count > 0 ? sentences[0] : answer;
    }
}
