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

    // The sentences next to a chosen one continue its text (the answer often sits in the clause
    // or sentence after the one that restates the question), so they join at a lower share of
    // the best score than a sentence from elsewhere (RelativeSentenceThreshold, 0.75 by default).
    private const double NeighbourThreshold = 0.6;

    // A question that asks for a figure, a date or a name is not answered by sentences that have
    // none ("a number of qualifications apply to being an MSP" for "how old must a member be?"):
    // the best sentence that has one joins the answer at this share of the best score.
    private const double TypedAnswerThreshold = 0.5;

    // A sentence that opens by referring back to a quoted one ("It was re-established in April
    // 1991.", "This is called antigenic variation.") finishes what that one began, and often holds
    // the fact itself: it joins that quote at this share of the best score, beyond the sentence cap.
    private const double ContinuationThreshold = 0.5;

    // A sentence that uses the question's verb leads over a better-scoring one that does not when it
    // scores at least this share of it. Chosen on the even-indexed XQuAD articles only: 0.70 to 0.80
    // gave the same answers there (0.9 too few, 0.6 more losses), 0.75 is the middle of that range.
    private const double VerbLeadShare = 0.75;

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

        var best = scored[0];
        var chosen = new List<ScoredSentence> { LeadOf(scored) };
        foreach (var sentence in scored.Where(s => !ReferenceEquals(s, chosen[0])))
        {
            if (chosen.Count >= options.MaxAnswerSentences)
            {
                break;
            }

            var threshold = chosen.Any(c => IsNeighbour(c, sentence)) ? NeighbourThreshold : options.RelativeSentenceThreshold;
            if (sentence.Score >= best.Score * threshold && !chosen.Any(c => Repeats(c, sentence)) && !IsUnrelatedFiller(sentence, best, chosen))
            {
                chosen.Add(sentence);
            }
        }

        if (best.Fit is not null && !chosen.Any(c => c.Fit > 0)
            && scored.FirstOrDefault(s => s.Fit > 0 && s.Score >= best.Score * TypedAnswerThreshold && !chosen.Any(c => Repeats(c, s))) is { } typedAnswer)
        {
            // When topical sentences without the asked-for kind already fill the cap ("which days?"
            // answered by three sentences about how many days), the weakest of them gives way: the
            // only sentence that names what was asked matters more than a third one that does not.
            // The lead always stays.
            if (chosen.Count >= options.MaxAnswerSentences && chosen.Count > 1)
            {
                chosen.RemoveAt(chosen.Count - 1);
            }

            if (chosen.Count < options.MaxAnswerSentences)
            {
                chosen.Add(typedAnswer);
            }
        }

        // Lead with the sentence that answers best (LeadOf); the supporting ones follow in document order.
        // A lead that refers back ("He is also the oldest quarterback ...", "... treated using these
        // devices") is quoted with the sentence before it, which names what it refers to.
        var lead = chosen[0];
        var antecedent = AnswerLead.NeedsAntecedent(lead.Sentence) ? Preceding(lead, sentences) : null;
        List<ScoredSentence> leadQuote = antecedent is null ? [lead] : [antecedent, lead];
        var rest = chosen.Skip(1).Where(c => antecedent is null || !Repeats(antecedent, c))
            .OrderBy(c => rankOf[c.Hit.Passage.ChunkId]).ThenBy(c => c.Position)
            .Select(c => new List<ScoredSentence> { c });
        List<List<ScoredSentence>> quotes = [leadQuote, .. rest];
        AddEarlierSteps(quotes, sentences);
        AddContinuations(quotes, sentences, best.Score * ContinuationThreshold);
        return Compose(LeadInsBeforeTheirItems(quotes, sentences));
    }

    /// <summary>
    /// The sentence that opens the answer: the best one, unless it does not use the question's own
    /// verb and one scoring at least <see cref="VerbLeadShare"/> of it does, with as much of the
    /// asked-for kind (a name, a date, a figure). "Who approves my leave?" then opens on "Your line
    /// manager approves or declines requests ..." rather than on a sentence that shares more of the
    /// question's words ("leave", "approval") but answers something else.
    /// </summary>
    private static ScoredSentence LeadOf(List<ScoredSentence> scored)
    {
        var best = scored[0];
        if (best.UsesQuestionVerb)
        {
            return best;
        }

        return scored.FirstOrDefault(s => s.UsesQuestionVerb && s.Score >= best.Score * VerbLeadShare && (best.Fit is null || s.Fit >= best.Fit)) ?? best;
    }

    /// <summary>
    /// When not even the best sentence shares one of the question's terms (nor its chunk's headings),
    /// nothing retrieved uses the asker's words and every score rests on embedding similarity and the
    /// kind bonus: unrelated sentences then score alike and clear a relative bar ("Who do I ask about
    /// my payslip?" on a handbook without payroll: the help desk, then a Wi-Fi password from another
    /// section). A sentence from a chunk no chosen sentence comes from, that shares no term either,
    /// is such filler and does not join. The lead and the sentences of its chunk are not affected,
    /// and nothing changes while the best sentence shares a term.
    /// </summary>
    private static bool IsUnrelatedFiller(ScoredSentence sentence, ScoredSentence best, List<ScoredSentence> chosen) =>
        !best.SharesQuestionTerm && !sentence.SharesQuestionTerm && !chosen.Any(c => ReferenceEquals(c.Hit, sentence.Hit));

    /// <summary>
    /// A quote that opens on an instruction line right after another instruction line ("Choose
    /// Hardware > Accessories" after "Open the IT ServiceDesk portal at ...") starts a procedure
    /// half-way: the reader does not know where to choose it. The step before it is quoted first,
    /// still verbatim and in order. Only a whole line that is an instruction counts as a step: a rule
    /// ("Accessories up to EUR 300 are approved automatically.") or the end of a paragraph does not.
    /// </summary>
    private static void AddEarlierSteps(List<List<ScoredSentence>> quotes, IReadOnlyList<ScoredSentence> all)
    {
        foreach (var quote in quotes)
        {
            var first = quote[0];
            var previous = Preceding(first, all);
            if (previous is not null && first.Line >= 0 && previous.Line == first.Line - 1 && IsWholeLine(previous, all) &&
                AnswerFit.IsInstruction(first.Sentence) && AnswerFit.IsInstruction(previous.Sentence) &&
                !quotes.Any(q => q.Any(s => Repeats(s, previous))))
            {
                quote.Insert(0, previous);
            }
        }
    }

    /// <summary>True when no other sentence of the chunk shares this sentence's line.</summary>
    private static bool IsWholeLine(ScoredSentence sentence, IReadOnlyList<ScoredSentence> all) =>
        Preceding(sentence, all)?.Line != sentence.Line && Following(sentence, all)?.Line != sentence.Line;

    /// <summary>
    /// Appends to each quote the sentence right after it in its chunk when that sentence opens by
    /// referring back to it (<see cref="AnswerLead.ContinuesPrevious"/>) or comes from the same line,
    /// a list item or paragraph being one point ("If your laptop is broken ..., open a ticket. IT
    /// provides a loaner laptop within 1 working day."), scores at least <paramref name="bar"/> and is
    /// not quoted yet.
    /// </summary>
    private static void AddContinuations(List<List<ScoredSentence>> quotes, IReadOnlyList<ScoredSentence> all, double bar)
    {
        foreach (var quote in quotes)
        {
            var next = Following(quote[^1], all);
            if (next is not null && next.Score >= bar && (AnswerLead.ContinuesPrevious(next.Sentence) || SameLine(quote[^1], next)) &&
                !quotes.Any(q => q.Any(s => Repeats(s, next))))
            {
                quote.Add(next);
            }
        }
    }

    /// <summary>
    /// A lead-in that ends in a colon ("Hotel rates are capped ..., according to the city tier:")
    /// introduces the list rows after it, so it is quoted before them even when a row leads the
    /// answer: a row quoted before its lead-in reads as a claim without its subject. Only the lead
    /// can precede a lead-in (the other quotes are in document order), so only it is checked.
    /// </summary>
    private static List<List<ScoredSentence>> LeadInsBeforeTheirItems(List<List<ScoredSentence>> quotes, IReadOnlyList<ScoredSentence> all)
    {
        var lead = quotes[0][0];
        var leadIn = quotes.Skip(1).FirstOrDefault(q => q.Count == 1 && Introduces(q[0], lead, all));
        if (leadIn is null)
        {
            return quotes;
        }

        return [leadIn, .. quotes.Where(q => !ReferenceEquals(q, leadIn))];
    }

    /// <summary>True when <paramref name="leadIn"/> ends in a colon and <paramref name="item"/> follows it in the same chunk with no other lead-in between them.</summary>
    private static bool Introduces(ScoredSentence leadIn, ScoredSentence item, IReadOnlyList<ScoredSentence> all) =>
        ReferenceEquals(leadIn.Hit, item.Hit) && leadIn.Position < item.Position && EndsWithColon(leadIn.Sentence) &&
        !all.Any(s => ReferenceEquals(s.Hit, item.Hit) && s.Position > leadIn.Position && s.Position < item.Position && EndsWithColon(s.Sentence));

    private static bool EndsWithColon(string sentence) => sentence.TrimEnd().EndsWith(':');

    /// <summary>Both sentences come from one line of one chunk (false when the line is unknown).</summary>
    private static bool SameLine(ScoredSentence a, ScoredSentence b) =>
        a.Line >= 0 && a.Line == b.Line && ReferenceEquals(a.Hit, b.Hit);

    /// <summary>The sentence right before or after a chosen one, in its chunk: its immediate context.</summary>
    private static bool IsNeighbour(ScoredSentence best, ScoredSentence sentence) =>
        ReferenceEquals(best.Hit, sentence.Hit) && Math.Abs(best.Position - sentence.Position) == 1;

    /// <summary>The sentence just before this one in the same chunk, if any.</summary>
    private static ScoredSentence? Preceding(ScoredSentence sentence, IReadOnlyList<ScoredSentence> all) =>
        sentence.Position == 0 ? null : all.FirstOrDefault(s => ReferenceEquals(s.Hit, sentence.Hit) && s.Position == sentence.Position - 1);

    /// <summary>The sentence just after this one in the same chunk, if any.</summary>
    private static ScoredSentence? Following(ScoredSentence sentence, IReadOnlyList<ScoredSentence> all) =>
        all.FirstOrDefault(s => ReferenceEquals(s.Hit, sentence.Hit) && s.Position == sentence.Position + 1);

    /// <summary>Same text, one contained in the other (a table row and its prose twin), or an overlap copy.</summary>
    private static bool Repeats(ScoredSentence chosen, ScoredSentence candidate) =>
        chosen.Sentence.Contains(candidate.Sentence, StringComparison.OrdinalIgnoreCase) ||
        candidate.Sentence.Contains(chosen.Sentence, StringComparison.OrdinalIgnoreCase) ||
        VectorMath.Dot(chosen.Vector, candidate.Vector) >= NearDuplicateSimilarity;

    /// <summary>Numbers citations by first use; each quote (one sentence, or one with the sentences that refer back to or name its subject) ends with its chunk's marker.</summary>
    private ExtractiveAnswer Compose(List<List<ScoredSentence>> quotes)
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
