using Orchestrator.Models;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval;

/// <summary>
/// Builds an extractive answer from scored sentences: the best few are kept, and each is quoted
/// verbatim with a numbered citation of its chunk. Nothing is paraphrased, so every answer sentence
/// is checkable against the evidence.
/// </summary>
internal sealed class ExtractiveAnswerBuilder(RetrievalOptions options)
{
    // Sentences this similar to one already chosen add nothing (typically the chunk-overlap copy).
    private const float NearDuplicateSimilarity = 0.95f;

    /// <param name="rankedHits">Hits in final rank order; only the first <see cref="RetrievalOptions.AnswerChunks"/> are quoted.</param>
    public ExtractiveAnswer Build(IReadOnlyList<SearchHit> rankedHits, IReadOnlyList<ScoredSentence> sentences)
    {
        var rankOf = rankedHits.Take(options.AnswerChunks).Select((h, i) => (h.Passage.ChunkId, i)).ToDictionary(x => x.ChunkId, x => x.i, StringComparer.Ordinal);
        var scored = sentences.Where(s => rankOf.ContainsKey(s.Hit.Passage.ChunkId))
            .OrderByDescending(s => s.Score).ThenBy(s => rankOf[s.Hit.Passage.ChunkId]).ThenBy(s => s.Position)
            .ToList();
        if (scored.Count == 0)
        {
            return new ExtractiveAnswer("", [], []);
        }

        var chosen = new List<ScoredSentence>();
        var best = scored[0].Score;
        foreach (var sentence in scored)
        {
            if (chosen.Count >= options.MaxAnswerSentences || (chosen.Count > 0 && sentence.Score < best * options.RelativeSentenceThreshold))
            {
                break;
            }

            if (!chosen.Any(c => Repeats(c, sentence)))
            {
                chosen.Add(sentence);
            }
        }

        // Lead with the sentence that answers best; the supporting ones follow in document order.
        var lead = chosen[0];
        var rest = chosen.Skip(1).OrderBy(c => rankOf[c.Hit.Passage.ChunkId]).ThenBy(c => c.Position);
        return Compose([lead, .. rest]);
    }

    /// <summary>Same text, one contained in the other (a table row and its prose twin), or an overlap copy.</summary>
    private static bool Repeats(ScoredSentence chosen, ScoredSentence candidate) =>
        chosen.Sentence.Contains(candidate.Sentence, StringComparison.OrdinalIgnoreCase) ||
        candidate.Sentence.Contains(chosen.Sentence, StringComparison.OrdinalIgnoreCase) ||
        VectorMath.Dot(chosen.Vector, candidate.Vector) >= NearDuplicateSimilarity;

    /// <summary>Numbers citations by first use in the (chunk rank, position) ordered answer.</summary>
    private ExtractiveAnswer Compose(List<ScoredSentence> ordered)
    {
        var citationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var citations = new List<CitationInfo>();
        var evidence = new List<Passage>();
        var parts = new List<string>();
        foreach (var sentence in ordered)
        {
            var passage = sentence.Hit.Passage;
            if (!citationIds.TryGetValue(passage.ChunkId, out var id))
            {
                id = citationIds.Count + 1;
                citationIds[passage.ChunkId] = id;
                citations.Add(new CitationInfo(id, passage.Source, passage.Locator, Snippet(passage.Text)));
                evidence.Add(passage);
            }

            parts.Add($"{sentence.Sentence} [{id}]");
        }

        return new ExtractiveAnswer(string.Join(" ", parts), citations, evidence);
    }

    private string Snippet(string text) =>
        text.Length <= options.CitationSnippetChars ? text : text[..options.CitationSnippetChars].TrimEnd() + "…";
}

internal sealed record ExtractiveAnswer(string Text, IReadOnlyList<CitationInfo> Citations, IReadOnlyList<Passage> Evidence);
