using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval;

/// <summary>A sentence of a retrieved chunk, scored against the question.</summary>
internal sealed record ScoredSentence(SearchHit Hit, int Position, string Sentence, float[] Vector, double Score);

/// <summary>
/// Scores every sentence of the retrieved chunks against the question: a weighted sum of embedding
/// cosine and the share of the question's content words the sentence contains. The same scores rank
/// chunks (by their best sentence) and pick answer sentences, so sentences are embedded once.
/// </summary>
internal sealed class SentenceScorer(IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions options)
{
    private readonly SentenceVectorCache _cache = new(embedder, options.SentenceVectorCacheSize);

    public async Task<IReadOnlyList<ScoredSentence>> ScoreAsync(string question, float[] questionVector, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var candidates = hits.SelectMany(hit => SentenceSplitter.Split(hit.Passage.Text).Select((sentence, position) => (hit, position, sentence))).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var vectors = await _cache.EmbedAsync(candidates.Select(c => c.sentence).ToList(), cancellationToken).ConfigureAwait(false);
        var questionTerms = KeywordTerms(question);
        return candidates.Select((c, i) => new ScoredSentence(c.hit, c.position, c.sentence, vectors[i],
            (options.SentenceSemanticWeight * VectorMath.Dot(vectors[i], questionVector)) +
            ((1 - options.SentenceSemanticWeight) * KeywordOverlap(questionTerms, c.sentence)))).ToList();
    }

    /// <summary>Terms cut to a 5-letter prefix: a crude stemmer, so "founded" meets "founder" and "foundation".</summary>
    private static HashSet<string> KeywordTerms(string text) =>
        FtsQuery.Terms(text).Select(t => t.Length > 5 ? t[..5] : t).ToHashSet(StringComparer.Ordinal);

    private static double KeywordOverlap(HashSet<string> questionTerms, string sentence)
    {
        if (questionTerms.Count == 0)
        {
            return 0;
        }

        var sentenceTerms = KeywordTerms(sentence);
        return questionTerms.Count(sentenceTerms.Contains) / (double)questionTerms.Count;
    }
}
