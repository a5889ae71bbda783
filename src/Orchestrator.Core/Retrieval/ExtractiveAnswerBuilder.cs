using Orchestrator.Models;
using Orchestrator.Retrieval.Answers;
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

    // The sentences next to the best one continue its text (the answer often sits in the clause
    // or sentence after the one that restates the question), so they join at a lower share of
    // its score than a sentence from elsewhere (RelativeSentenceThreshold, 0.75 by default).
    private const double NeighbourThreshold = 0.6;

    // A question that asks for a figure, a date or a name is not answered by sentences that have
    // none ("a number of qualifications apply to being an MSP" for "how old must a member be?"):
    // the best sentence that has one joins the answer at this share of the best score.
    private const double TypedAnswerThreshold = 0.5;

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

        var chosen = new List<ScoredSentence> { scored[0] };
        var best = scored[0];
        foreach (var sentence in scored.Skip(1))
        {
            if (chosen.Count >= options.MaxAnswerSentences)
            {
                break;
            }

            var threshold = IsNeighbour(best, sentence) ? NeighbourThreshold : options.RelativeSentenceThreshold;
            if (sentence.Score >= best.Score * threshold && !chosen.Any(c => Repeats(c, sentence)))
            {
                chosen.Add(sentence);
            }
        }

        if (chosen.Count < options.MaxAnswerSentences && best.Fit is not null && !chosen.Any(c => c.Fit > 0)
            && scored.FirstOrDefault(s => s.Fit > 0 && s.Score >= best.Score * TypedAnswerThreshold && !chosen.Any(c => Repeats(c, s))) is { } typedAnswer)
        {
            chosen.Add(typedAnswer);
        }

        // Lead with the sentence that answers best; the supporting ones follow in document order.
        // A lead that opens with a pronoun ("He is also the oldest quarterback ...") is quoted with
        // the sentence before it, which names what the pronoun stands for.
        var lead = chosen[0];
        var antecedent = AnswerLead.NeedsAntecedent(lead.Sentence) ? Preceding(lead, sentences) : null;
        List<ScoredSentence> leadQuote = antecedent is null ? [lead] : [antecedent, lead];
        var rest = chosen.Skip(1).Where(c => antecedent is null || !Repeats(antecedent, c))
            .OrderBy(c => rankOf[c.Hit.Passage.ChunkId]).ThenBy(c => c.Position)
            .Select(c => (IReadOnlyList<ScoredSentence>)[c]);
        return Compose([leadQuote, .. rest]);
    }

    /// <summary>The sentence right before or after the best one, in its chunk: its immediate context.</summary>
    private static bool IsNeighbour(ScoredSentence best, ScoredSentence sentence) =>
        ReferenceEquals(best.Hit, sentence.Hit) && Math.Abs(best.Position - sentence.Position) == 1;

    /// <summary>The sentence just before this one in the same chunk, if any.</summary>
    private static ScoredSentence? Preceding(ScoredSentence sentence, IReadOnlyList<ScoredSentence> all) =>
        sentence.Position == 0 ? null : all.FirstOrDefault(s => ReferenceEquals(s.Hit, sentence.Hit) && s.Position == sentence.Position - 1);

    /// <summary>Same text, one contained in the other (a table row and its prose twin), or an overlap copy.</summary>
    private static bool Repeats(ScoredSentence chosen, ScoredSentence candidate) =>
        chosen.Sentence.Contains(candidate.Sentence, StringComparison.OrdinalIgnoreCase) ||
        candidate.Sentence.Contains(chosen.Sentence, StringComparison.OrdinalIgnoreCase) ||
        VectorMath.Dot(chosen.Vector, candidate.Vector) >= NearDuplicateSimilarity;

    /// <summary>Numbers citations by first use; each quote (one sentence, or a lead with its antecedent) ends with its chunk's marker.</summary>
    private ExtractiveAnswer Compose(List<IReadOnlyList<ScoredSentence>> quotes)
    {
        var citationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var citations = new List<CitationInfo>();
        var evidence = new List<Passage>();
        var parts = new List<string>();
        foreach (var quote in quotes)
        {
            var passage = quote[0].Hit.Passage;
            if (!citationIds.TryGetValue(passage.ChunkId, out var id))
            {
                id = citationIds.Count + 1;
                citationIds[passage.ChunkId] = id;
                citations.Add(new CitationInfo(id, passage.Source, passage.Locator, Snippet(passage.Text)));
                evidence.Add(passage);
            }

            parts.Add($"{string.Join(" ", quote.Select(s => s.Sentence))} [{id}]");
        }

        return new ExtractiveAnswer(string.Join(" ", parts), citations, evidence);
    }

    private string Snippet(string text) =>
        text.Length <= options.CitationSnippetChars ? text : text[..options.CitationSnippetChars].TrimEnd() + "…";
}

internal sealed record ExtractiveAnswer(string Text, IReadOnlyList<CitationInfo> Citations, IReadOnlyList<Passage> Evidence);
