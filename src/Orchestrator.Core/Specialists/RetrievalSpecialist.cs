using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Retrieval.Storage;
using PassageScreen = System.Func<System.Collections.Generic.IReadOnlyList<Orchestrator.Passage>, System.Threading.CancellationToken, System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Orchestrator.Passage>>>;

namespace Orchestrator.Specialists;

/// <summary>A search result and the answer built from it; evaluation needs both.</summary>
public sealed record RetrievalAnswer(SpecialistResult Result, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// Answers from a knowledge collection without a generative model: hybrid search finds chunks, and
/// the answer is made of their best-matching sentences, quoted verbatim with numbered citations.
/// When the collection has nothing close enough, it fails (the pipeline then escalates) rather
/// than quote something unrelated.
/// </summary>
public sealed class RetrievalSpecialist : ISpecialist
{
    private readonly IVectorStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RetrievalOptions _options;
    private readonly SentenceScorer _sentenceScorer;
    private readonly ExtractiveAnswerBuilder _answerBuilder;

    public RetrievalSpecialist(IVectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _options = options ?? new RetrievalOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.TopK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAnswerSentences, 1);
        _sentenceScorer = new SentenceScorer(_embedder, _options);
        _answerBuilder = new ExtractiveAnswerBuilder(_options);
    }

    public async Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Agent.Knowledge))
        {
            return SpecialistResult.Failed($"Agent '{request.Agent.Name}' has no knowledge collection configured.");
        }

        var answer = await AnswerFromCollectionAsync(request.Agent.Knowledge, request.Question, request.History, request.ScreenPassages, cancellationToken).ConfigureAwait(false);
        return answer.Result;
    }

    /// <summary>The ranked chunks for a question (hybrid search, then the sentence re-rank when enabled), without building an answer.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, string question, int? topK = null, CancellationToken cancellationToken = default)
    {
        var vector = await _embedder.EmbedOneAsync(question, cancellationToken).ConfigureAwait(false);
        var hits = await SearchWithVectorAsync(collection, question, vector, topK ?? _options.TopK, cancellationToken).ConfigureAwait(false);
        if (!_options.RerankBySentence || hits.Count == 0)
        {
            return hits;
        }

        var sentences = await _sentenceScorer.ScoreAsync(question, vector, hits, cancellationToken).ConfigureAwait(false);
        return RerankBySentence(hits, sentences);
    }

    /// <summary>
    /// Answers the latest message of a conversation. An elliptical follow-up ("and in Paris?") is
    /// searched as the question it continues (<see cref="FollowUpQueryRewriter"/>); the result
    /// records that query. When the follow-up names something the passages found never mention
    /// ("and in Oslo?" where the policy lists some cities and then "all other cities"), it is
    /// searched again as the catch-all, which is what the policy says about anything it does not list.
    /// </summary>
    public Task<RetrievalAnswer> AnswerFromCollectionAsync(string collection, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default) =>
        AnswerFromCollectionAsync(collection, question, history, null, cancellationToken);

    /// <param name="screen">The retrieval rail (<see cref="SpecialistRequest.ScreenPassages"/>): the search's passages pass it before anything else reads them.</param>
    internal async Task<RetrievalAnswer> AnswerFromCollectionAsync(string collection, string question, IReadOnlyList<ConversationTurn> history, PassageScreen? screen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var rewrite = string.IsNullOrWhiteSpace(question) ? new FollowUpRewrite(question, null) : FollowUpQueryRewriter.Resolve(question, history);
        var query = rewrite.Query;
        var alreadySaid = string.Equals(query, question, StringComparison.Ordinal) ? null : AlreadySaid.From(history);
        var answer = await AnswerQueryAsync(collection, query, alreadySaid, screen, cancellationToken).ConfigureAwait(false);
        if (rewrite.Entity is { } entity && rewrite.CatchAll() is { } catchAll && answer.Hits.Count > 0 && !answer.Hits.Any(h => MentionsWord(h.Passage.Text, entity)))
        {
            var fallback = await AnswerQueryAsync(collection, catchAll, alreadySaid, screen, cancellationToken).ConfigureAwait(false);
            if (fallback.Result.Succeeded)
            {
                (answer, query) = (fallback, catchAll);
            }
        }

        return string.Equals(query, question, StringComparison.Ordinal)
            ? answer
            : answer with { Result = answer.Result with { RetrievalQuery = query } };
    }

    private static bool MentionsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    public Task<RetrievalAnswer> AnswerFromCollectionAsync(string collection, string question, CancellationToken cancellationToken = default) =>
        AnswerQueryAsync(collection, question, null, null, cancellationToken);

    internal Task<RetrievalAnswer> AnswerFromCollectionAsync(string collection, string question, PassageScreen? screen, CancellationToken cancellationToken) =>
        AnswerQueryAsync(collection, question, null, screen, cancellationToken);

    /// <param name="collection">The knowledge collection.</param>
    /// <param name="question">The query to search and answer.</param>
    /// <param name="alreadySaid">
    /// The previous answer of a conversation whose latest message is a follow-up: its sentences are
    /// not quoted again while other sentences remain, since the follow-up asks for something the
    /// previous answer did not say ("until when?" after the carry-over limit).
    /// </param>
    /// <param name="screen">The retrieval rail (<see cref="SpecialistRequest.ScreenPassages"/>): the search's passages pass it before anything else reads them.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    private async Task<RetrievalAnswer> AnswerQueryAsync(string collection, string question, AlreadySaid? alreadySaid, PassageScreen? screen, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        if (string.IsNullOrWhiteSpace(question))
        {
            return new RetrievalAnswer(SpecialistResult.Failed("The question is empty."), []);
        }

        var vector = await _embedder.EmbedOneAsync(question, cancellationToken).ConfigureAwait(false);
        var hits = await SearchWithVectorAsync(collection, question, vector, _options.TopK, cancellationToken).ConfigureAwait(false);
        if (hits.Count == 0)
        {
            return new RetrievalAnswer(SpecialistResult.Failed($"The knowledge collection '{collection}' is empty or does not exist."), hits);
        }

        if (screen is not null)
        {
            hits = await ScreenAsync(hits, screen, cancellationToken).ConfigureAwait(false);
            if (hits.Count == 0)
            {
                return new RetrievalAnswer(SpecialistResult.Failed($"Every passage found in '{collection}' was removed by the retrieval rail."), hits);
            }
        }

        var bestSimilarity = hits.Max(h => h.DenseSimilarity);
        if (bestSimilarity < _options.SimilarityFloor)
        {
            return new RetrievalAnswer(SpecialistResult.Failed(
                $"Nothing in '{collection}' is relevant enough (best similarity {bestSimilarity:F2} < {_options.SimilarityFloor:F2})."), hits);
        }

        var sentences = await _sentenceScorer.ScoreAsync(question, vector, hits, cancellationToken).ConfigureAwait(false);
        if (alreadySaid is not null)
        {
            var fresh = sentences.Where(s => !alreadySaid.Contains(s.Sentence)).ToList();
            sentences = fresh.Count > 0 ? fresh : sentences;
        }

        if (_options.RerankBySentence)
        {
            hits = RerankBySentence(hits, sentences);
        }

        var answer = _answerBuilder.Build(hits, sentences);
        if (answer.Text.Length == 0)
        {
            return new RetrievalAnswer(SpecialistResult.Failed($"The passages found in '{collection}' contain no usable sentences."), hits);
        }

        var result = new SpecialistResult { Succeeded = true, Answer = answer.Text, Citations = answer.Citations, Evidence = answer.Evidence };
        return new RetrievalAnswer(result, hits);
    }

    /// <summary>Orders hits by their best sentence score; equal scores keep the hybrid-search order.</summary>
    private static IReadOnlyList<SearchHit> RerankBySentence(IReadOnlyList<SearchHit> hits, IReadOnlyList<ScoredSentence> sentences)
    {
        var best = sentences.GroupBy(s => s.Hit.Passage.ChunkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(s => s.Score), StringComparer.Ordinal);
        return hits.Select((hit, rank) => (hit, rank))
            .OrderByDescending(x => best.GetValueOrDefault(x.hit.Passage.ChunkId, double.MinValue))
            .ThenBy(x => x.rank)
            .Select(x => x.hit)
            .ToList();
    }

    /// <summary>The hits whose passages the retrieval rail kept, in their search order.</summary>
    private static async Task<IReadOnlyList<SearchHit>> ScreenAsync(IReadOnlyList<SearchHit> hits, PassageScreen screen, CancellationToken cancellationToken)
    {
        var kept = await screen([.. hits.Select(h => h.Passage)], cancellationToken).ConfigureAwait(false);
        var keptIds = kept.Select(p => p.ChunkId).ToHashSet(StringComparer.Ordinal);
        return [.. hits.Where(h => keptIds.Contains(h.Passage.ChunkId))];
    }

    private Task<IReadOnlyList<SearchHit>> SearchWithVectorAsync(string collection, string question, float[] vector, int topK, CancellationToken cancellationToken) =>
        _store.SearchAsync(collection, new HybridQuery { Text = question, Vector = vector, TopK = topK }, cancellationToken);
}
