using Orchestrator.TextUnits;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>A passage's comparable features; Units (<see cref="ComparisonUnits"/>) are the whole text then each sentence (when more than one).</summary>
internal sealed class PassageFeatures
{
    private readonly string _normalized;

    public PassageFeatures(Passage passage)
    {
        var units = ComparisonUnits.Of(passage.Text);
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
    public bool Quotes(string sentence)
    {
        var needle = Normalize(sentence);
        return needle.Length > 0 && _normalized.Contains(needle, StringComparison.Ordinal);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
