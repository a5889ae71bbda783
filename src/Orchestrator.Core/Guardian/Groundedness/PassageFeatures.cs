using System.Runtime.CompilerServices;
using Orchestrator.TextUnits;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>A passage's comparable features; Units (<see cref="ComparisonUnits"/>) are the whole text then each sentence (when more than one).</summary>
internal sealed class PassageFeatures
{
    // A pure function of the passage text; the store hands out the same text string for a chunk while
    // its generation lasts (docs/benchmarks.md "perf18"), so the features are kept beside that string
    // (weakly: they live as long as the cached passage) instead of rebuilt by every check of every request.
    private static readonly ConditionalWeakTable<string, PassageFeatures> ByText = new();

    private readonly string _normalized;

    /// <summary>The features of <paramref name="passage"/>'s text, shared by every check that sees the same text instance. Read only.</summary>
    public static PassageFeatures Of(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return ByText.GetValue(passage.Text, static text => new PassageFeatures(text));
    }

    private PassageFeatures(string passageText)
    {
        var units = ComparisonUnits.Of(passageText);
        var text = units.Text;
        Sentences = units.Sentences;
        Units = units.Units;
        Terms = TextFeatures.KeyTerms(text);
        SentenceAnchors = Sentences.Select(Anchors.Of).ToList();
        SentenceTerms = Sentences.Select(TextFeatures.KeyTerms).ToList();
        Names = SentenceAnchors.SelectMany(a => a.MidSentenceNames).ToHashSet(StringComparer.Ordinal);
        Words = SentenceAnchors.SelectMany(a => a.Words).ToHashSet(StringComparer.Ordinal);
        _normalized = Normalize(text);
    }

    public IReadOnlyList<string> Sentences { get; }

    public IReadOnlyList<string> Units { get; }

    public IReadOnlySet<string> Terms { get; }

    public IReadOnlyList<Anchors> SentenceAnchors { get; }

    public IReadOnlyList<IReadOnlySet<string>> SentenceTerms { get; }

    /// <summary>Words the passage capitalises mid-sentence: its proper names.</summary>
    public HashSet<string> Names { get; }

    public HashSet<string> Words { get; }

    /// <summary>True when the sentence occurs in the passage, ignoring case and runs of white space.</summary>
    public bool Quotes(string sentence) => QuotesNormalized(Normalize(sentence));

    /// <summary><see cref="Quotes"/> for a sentence already passed through <see cref="Normalize"/> (once, for every passage).</summary>
    public bool QuotesNormalized(string needle) => needle.Length > 0 && _normalized.Contains(needle, StringComparison.Ordinal);

    /// <summary>Lower-cased, runs of white space as one space: the form <see cref="Quotes"/> compares.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
