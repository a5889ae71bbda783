namespace Orchestrator.TextUnits;

/// <summary>
/// What the groundedness check compares an answer sentence with: a passage's text (citations
/// removed) and, when it has more than one, each of its sentences, table rows read as sentences.
/// Ingest stores a vector for each of these units, so the check must compute them with this same
/// code; <c>ChunkUnitsTests</c> fails if the two ever diverge.
/// </summary>
internal sealed record ComparisonUnits(string Text, IReadOnlyList<string> Sentences, IReadOnlyList<string> Units)
{
    public static ComparisonUnits Of(string passageText)
    {
        ArgumentNullException.ThrowIfNull(passageText);
        var text = SentenceText.StripCitations(passageText);
        var sentences = SentenceText.SplitSentences(TableRows.AsSentences(text));
        return new ComparisonUnits(text, sentences, sentences.Count > 1 ? [text, .. sentences] : [text]);
    }
}
