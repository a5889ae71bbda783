using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Storage;
using Orchestrator.TextUnits;

namespace Orchestrator.Retrieval;

/// <summary>A sentence of a retrieved chunk, scored against the question.</summary>
/// <param name="Fit">
/// How well the sentence has the kind of content the question asks for (a figure, a date, a name;
/// <see cref="AnswerFit"/>); null when the question asks for no particular kind.
/// </param>
/// <param name="SharesQuestionTerm">
/// Whether the sentence (with its chunk's headings) contains one of the question's content terms, or the
/// question has none. A sentence that shares none was scored on embedding similarity alone.
/// </param>
/// <param name="Line">
/// The line of its chunk the sentence comes from (a list item or a paragraph); sentences of one line
/// belong to one point. -1 when unknown: no two sentences are then taken to share a line.
/// </param>
/// <param name="UsesQuestionVerb">
/// Whether the sentence uses the question's own verb as a verb ("Your line manager approves ..." for "Who
/// approves my leave?"; <see cref="QuestionVerb"/>), not only a noun of the same stem ("... approval").
/// </param>
internal sealed record ScoredSentence(SearchHit Hit, int Position, string Sentence, float[] Vector, double Score, double? Fit = null, bool SharesQuestionTerm = true, int Line = -1, bool UsesQuestionVerb = false);

/// <summary>
/// Scores every sentence of the retrieved chunks against the question: a weighted sum of embedding
/// cosine and the share of the question's content words the sentence contains. The same scores rank
/// chunks (by their best sentence) and pick answer sentences, so sentences are embedded once: at
/// ingest when the store keeps sentence vectors, else per request through a bounded cache.
/// </summary>
internal sealed class SentenceScorer(IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions options)
{
    private readonly SentenceVectorCache _cache = new(options.SentenceVectorCacheSize);

    // A sentence of the kind the question asks for (a figure for "how many", a date for "when")
    // is preferred over an equally topical one that is not; less than the topical signal itself,
    // so a figure on another topic never wins.
    private const double AnswerFitWeight = 0.15;

    // A sentence that asks a question, is only a few words, or illustrates ("For example, someone
    // working 3 days a week receives 15 days") rarely answers one: the rule it illustrates does.
    private const double NonAnswerPenalty = 0.1;
    private const int MinAnswerWords = 4;

    public async Task<IReadOnlyList<ScoredSentence>> ScoreAsync(string question, float[] questionVector, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var candidates = new List<(SearchHit hit, int position, string sentence)>();
        var lines = new List<int>();
        var sentenceTerms = new List<IReadOnlySet<string>>();
        var wordCounts = new List<int>();
        for (var h = 0; h < hits.Count; h++)
        {
            // A sentence's terms include its chunk's headings: one under "Sick Leave Policy > Doctor's note" is
            // about sick leave even when it only says "from the 4th day".
            var chunk = ChunkSentences.Of(hits[h].Passage);
            for (var position = 0; position < chunk.Sentences.Count; position++)
            {
                candidates.Add((hits[h], position, chunk.Sentences[position]));
                lines.Add(chunk.Lines[position]);
                sentenceTerms.Add(chunk.Terms[position]);
                wordCounts.Add(chunk.WordCounts[position]);
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var vectors = await VectorsAsync(candidates, cancellationToken).ConfigureAwait(false);
        var questionTerms = QuestionTerms(question);
        var kind = AnswerFit.Classify(question);
        var asksForLimit = AnswerFit.AsksForLimit(question);
        var questionVerbs = QuestionVerb.LemmasOf(question);
        var overlap = new TermOverlap(questionTerms, sentenceTerms);
        var typed = kind is QuestionKind.Quantity or QuestionKind.Time or QuestionKind.Day or QuestionKind.Person or QuestionKind.Contact;
        var scored = new List<ScoredSentence>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var fit = AnswerFit.Score(kind, c.sentence, questionTerms, Stem, asksForLimit);
            var termShare = overlap.Of(i);
            scored.Add(new ScoredSentence(c.hit, c.position, c.sentence, vectors[i],
                (options.SentenceSemanticWeight * VectorMath.Dot(vectors[i], questionVector)) +
                ((1 - options.SentenceSemanticWeight) * termShare) +
                (AnswerFitWeight * fit) -
                (LooksLikeNonAnswer(c.sentence, wordCounts[i], questionTerms) ? NonAnswerPenalty : 0),
                typed ? fit : null,
                questionTerms.Count == 0 || termShare > 0,
                lines[i],
                QuestionVerb.UsesAsVerb(c.sentence, questionVerbs)));
        }

        return scored;
    }

    /// <summary>The vectors stored with each chunk at ingest; only sentences of chunks without them are embedded (through the cache).</summary>
    private async Task<float[][]> VectorsAsync(List<(SearchHit hit, int position, string sentence)> candidates, CancellationToken cancellationToken)
    {
        var vectors = new float[candidates.Count][];
        var missing = new List<int>();
        var stored = new Dictionary<SearchHit, IReadOnlyDictionary<string, float[]>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < candidates.Count; i++)
        {
            var (hit, _, sentence) = candidates[i];
            if (!stored.TryGetValue(hit, out var byText))
            {
                stored[hit] = byText = StoredVectors.Of(hit.Passage);
            }

            if (byText.TryGetValue(sentence, out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await _cache.EmbedAsync(embedder, missing.Select(i => candidates[i].sentence).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < missing.Count; k++)
            {
                vectors[missing[k]] = fresh[k];
            }
        }

        return vectors;
    }

    /// <summary>Terms cut to a 5-letter prefix: a crude stemmer, so "founded" meets "founder" and "foundation".</summary>
    internal static HashSet<string> KeywordTerms(string text) =>
        FtsQuery.Terms(text).Select(Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>The question's keyword terms, a decade it asks about as one term ("the 70's": "1970s", not "70").</summary>
    internal static HashSet<string> QuestionTerms(string question)
    {
        var terms = KeywordTerms(question);
        var (decades, written) = DecadeTerms.OfQuestion(question);
        terms.ExceptWith(written.Select(Stem));
        terms.UnionWith(decades);
        return terms;
    }

    /// <summary>A sentence's keyword terms and the decades it names or dates ("1974" is in the "1970s").</summary>
    internal static HashSet<string> SentenceTerms(string sentence)
    {
        var terms = KeywordTerms(sentence);
        terms.UnionWith(DecadeTerms.OfSentence(sentence));
        return terms;
    }

    private static string Stem(string term) => term.Length > 5 ? term[..5] : term;

    internal static bool LooksLikeNonAnswer(string sentence, HashSet<string> questionTerms) =>
        LooksLikeNonAnswer(sentence, WordCount(sentence), questionTerms);

    /// <summary>The same, with the sentence's <see cref="WordCount"/> known (kept per chunk sentence, <see cref="ChunkSentences"/>).</summary>
    internal static bool LooksLikeNonAnswer(string sentence, int wordCount, HashSet<string> questionTerms) =>
        sentence.EndsWith('?') || wordCount < MinAnswerWords ||
        (IsExample(sentence) && !IllustratesTheAskersCase(sentence, questionTerms));

    /// <summary>Words separated by spaces, as <c>Split(' ', RemoveEmptyEntries)</c> counts them, without building them.</summary>
    internal static int WordCount(string sentence)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in sentence)
        {
            if (c == ' ')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    private static bool IsExample(string sentence) =>
        sentence.StartsWith("For example", StringComparison.OrdinalIgnoreCase) || sentence.StartsWith("For instance", StringComparison.OrdinalIgnoreCase) ||
        sentence.StartsWith("E.g.", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "I work 3 days a week, how much holiday do I get?" is answered by the example of someone
    /// working 3 days a week: an example that contains every figure the question gives is the
    /// asker's own case, not a mere illustration.
    /// </summary>
    private static bool IllustratesTheAskersCase(string sentence, HashSet<string> questionTerms)
    {
        var figures = questionTerms.Where(t => t.All(char.IsAsciiDigit)).ToList();
        if (figures.Count == 0)
        {
            return false;
        }

        return figures.All(KeywordTerms(sentence).Contains);
    }
}
