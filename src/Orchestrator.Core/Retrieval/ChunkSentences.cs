using System.Runtime.CompilerServices;
using Orchestrator.Retrieval.Answers;

namespace Orchestrator.Retrieval;

/// <summary>
/// What the sentence scorer reads from a chunk regardless of the question: its quotable sentences
/// (<see cref="AnswerSentences.FromChunk"/>) and each sentence's keyword terms with the chunk's
/// heading terms. Both are pure functions of the chunk's text and locator, and the store hands out
/// the same text instance for a chunk while its generation lasts (<c>PassageRows</c>), so they are
/// kept beside that string instead of being recomputed per request (regex splits and term sets were
/// a large share of a served request's allocations, docs/benchmarks.md "perf18"). A chunk whose
/// text is a fresh string (another store, a tool result) is simply computed again; the entry goes
/// with its string.
/// </summary>
internal sealed class ChunkSentences
{
    private static readonly ConditionalWeakTable<string, ChunkSentences> ByText = new();

    private ChunkSentences(string? locator, IReadOnlyList<string> sentences, IReadOnlyList<int> lines, IReadOnlyList<IReadOnlySet<string>> terms, IReadOnlyList<int> wordCounts)
    {
        Locator = locator;
        Sentences = sentences;
        Lines = lines;
        Terms = terms;
        WordCounts = wordCounts;
    }

    public string? Locator { get; }

    public IReadOnlyList<string> Sentences { get; }

    /// <summary>Per sentence: the index of the line it comes from (<see cref="AnswerSentences.FromChunkWithLines"/>).</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>Per sentence: <see cref="SentenceScorer.SentenceTerms"/> joined with the locator's keyword terms. Shared: read only.</summary>
    public IReadOnlyList<IReadOnlySet<string>> Terms { get; }

    /// <summary>Per sentence: <see cref="SentenceScorer.WordCount"/>.</summary>
    public IReadOnlyList<int> WordCounts { get; }

    public static ChunkSentences Of(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (ByText.TryGetValue(passage.Text, out var known) && string.Equals(known.Locator, passage.Locator, StringComparison.Ordinal))
        {
            return known;
        }

        var made = Compute(passage.Text, passage.Locator);
        ByText.AddOrUpdate(passage.Text, made);
        return made;
    }

    /// <summary>The same analysis, never from or into the shared table (tests compare the two).</summary>
    internal static ChunkSentences Compute(string text, string? locator)
    {
        var (sentences, lines) = AnswerSentences.FromChunkWithLines(text, locator);
        var heading = string.IsNullOrWhiteSpace(locator) ? null : SentenceScorer.KeywordTerms(locator);
        var terms = new IReadOnlySet<string>[sentences.Count];
        var wordCounts = new int[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentenceTerms = SentenceScorer.SentenceTerms(sentences[i]);
            if (heading is not null)
            {
                sentenceTerms.UnionWith(heading);
            }

            terms[i] = sentenceTerms;
            wordCounts[i] = SentenceScorer.WordCount(sentences[i]);
        }

        return new ChunkSentences(locator, sentences, lines, terms, wordCounts);
    }
}
