namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// The names and numbers of an answer sentence must come from one supporting sentence of the
/// passage, in the same relation: the supporting sentence is the passage sentence that shares the
/// most key terms with the answer sentence (two adjacent ones when the answer merges them), every
/// name of the answer must be in it, and every number must sit there beside the same word on at
/// least one side ("25 days", "in 1973"). A name swapped for another name of the passage, or two
/// of its numbers exchanged, leaves the best-matching sentence without that name or pairing. The
/// first word of the answer counts as a name only when the passage capitalises it mid-sentence.
/// </summary>
internal static class AnchorRule
{
    /// <summary>Below this share of the answer's key terms in the best single sentence, adjacent pairs are tried too.</summary>
    private const double MergedSentenceCoverage = 0.6;

    public static bool Holds(string sentence, PassageFeatures passage) =>
        Holds(Anchors.Of(sentence), TextFeatures.KeyTerms(sentence), passage);

    /// <summary><see cref="Holds(string, PassageFeatures)"/> for a sentence whose anchors and key terms are already known (computed once, checked against every passage).</summary>
    public static bool Holds(Anchors anchors, IReadOnlySet<string> terms, PassageFeatures passage)
    {
        if (passage.Sentences.Count == 0)
        {
            return false;
        }

        var names = anchors.Tokens.Where(t => t.Capitalized && (!t.First || passage.Names.Contains(t.Key)))
            .Select(t => t.Key).Distinct(StringComparer.Ordinal).ToList();
        var numbers = anchors.Numbers().ToList();
        if (names.Count == 0 && numbers.Count == 0)
        {
            return true;
        }

        var overlaps = passage.SentenceTerms.Select(t => terms.Count(t.Contains)).ToList();
        var best = overlaps.Max();
        for (var i = 0; i < overlaps.Count; i++)
        {
            if (overlaps[i] == best && Satisfies(passage.SentenceAnchors[i], names, numbers))
            {
                return true;
            }
        }

        if (terms.Count == 0 || (double)best / terms.Count >= MergedSentenceCoverage)
        {
            return false;
        }

        for (var i = 0; i + 1 < passage.SentenceAnchors.Count; i++)
        {
            var pair = Anchors.Join(passage.SentenceAnchors[i], passage.SentenceAnchors[i + 1]);
            var pairOverlap = terms.Count(t => passage.SentenceTerms[i].Contains(t) || passage.SentenceTerms[i + 1].Contains(t));
            if (pairOverlap > best && Satisfies(pair, names, numbers))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Satisfies(Anchors support, List<string> names, List<(decimal Value, string? Left, string? Right)> numbers) =>
        names.TrueForAll(support.Words.Contains) && numbers.TrueForAll(n => support.HasNumberBeside(n.Value, n.Left, n.Right));
}
