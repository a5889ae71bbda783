using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval;

/// <summary>
/// Builds an extractive answer: the chunks' sentences are scored against the question (embedding
/// cosine plus keyword overlap), the best few are kept, and each is quoted verbatim with a numbered
/// citation of its chunk. Nothing is paraphrased, so every answer sentence is checkable against evidence.
/// </summary>
internal sealed class ExtractiveAnswerBuilder(IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions options)
{
    // Sentences this similar to one already chosen add nothing (typically the chunk-overlap copy).
    private const float NearDuplicateSimilarity = 0.95f;

    public async Task<ExtractiveAnswer> BuildAsync(string question, float[] questionVector, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var candidates = hits.Take(options.AnswerChunks)
            .SelectMany((hit, chunkRank) => SentenceSplitter.Split(hit.Passage.Text)
                .Select((sentence, position) => new Candidate(hit.Passage, chunkRank, position, sentence)))
            .ToList();
        if (candidates.Count == 0)
        {
            return new ExtractiveAnswer("", [], []);
        }

        var vectors = await embedder.EmbedManyAsync(candidates.Select(c => c.Sentence).ToList(), cancellationToken).ConfigureAwait(false);
        var questionTerms = KeywordTerms(question);
        var scored = candidates.Select((c, i) => (Candidate: c, Vector: vectors[i], Score:
                (options.SentenceSemanticWeight * VectorMath.Dot(vectors[i], questionVector)) +
                ((1 - options.SentenceSemanticWeight) * KeywordOverlap(questionTerms, c.Sentence))))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Candidate.ChunkRank).ThenBy(s => s.Candidate.Position)
            .ToList();

        var chosen = new List<(Candidate Candidate, float[] Vector)>();
        var best = scored[0].Score;
        foreach (var (candidate, vector, score) in scored)
        {
            if (chosen.Count >= options.MaxAnswerSentences || (chosen.Count > 0 && score < best * options.RelativeSentenceThreshold))
            {
                break;
            }

            if (!chosen.Any(c => c.Candidate.Sentence == candidate.Sentence || VectorMath.Dot(c.Vector, vector) >= NearDuplicateSimilarity))
            {
                chosen.Add((candidate, vector));
            }
        }

        return Compose(chosen.Select(c => c.Candidate).ToList());
    }

    /// <summary>Orders sentences by chunk rank, then by position in the chunk, and numbers citations by first use.</summary>
    private ExtractiveAnswer Compose(List<Candidate> chosen)
    {
        var ordered = chosen.OrderBy(c => c.ChunkRank).ThenBy(c => c.Position).ToList();
        var citationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var citations = new List<CitationInfo>();
        var evidence = new List<Passage>();
        var parts = new List<string>();
        foreach (var candidate in ordered)
        {
            if (!citationIds.TryGetValue(candidate.Passage.ChunkId, out var id))
            {
                id = citationIds.Count + 1;
                citationIds[candidate.Passage.ChunkId] = id;
                citations.Add(new CitationInfo(id, candidate.Passage.Source, candidate.Passage.Locator, Snippet(candidate.Passage.Text)));
                evidence.Add(candidate.Passage);
            }

            parts.Add($"{candidate.Sentence} [{id}]");
        }

        return new ExtractiveAnswer(string.Join(" ", parts), citations, evidence);
    }

    private string Snippet(string text) =>
        text.Length <= options.CitationSnippetChars ? text : text[..options.CitationSnippetChars].TrimEnd() + "…";

    /// <summary>Terms reduced to a 5-letter prefix: a crude stemmer, so "founded" meets "founder" and "foundation".</summary>
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

    private sealed record Candidate(Passage Passage, int ChunkRank, int Position, string Sentence);
}

internal sealed record ExtractiveAnswer(string Text, IReadOnlyList<CitationInfo> Citations, IReadOnlyList<Passage> Evidence);
