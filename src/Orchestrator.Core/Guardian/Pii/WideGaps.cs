namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Runs that table cells and flattened e-mails join by accident: two or more spaces (a non-breaking space is one
/// after normalisation) between a name and the next cell's country ("Tucker Fredricks  United States") or the next
/// line's first word ("Hi David  Attached is …"). A place or an ordinary word after such a gap is no part of the name,
/// so the run is cut there; a gap of one space, or a name word after a wide gap ("Anna  Berg"), keeps the run whole.
/// </summary>
internal static class WideGaps
{
    private const int MaxRunWords = 4;

    /// <summary>Drops the words from the first wide gap on when they open a place or an ordinary word that is no name.</summary>
    public static void CutAtWideGap(string text, List<WordToken> run, PiiGazetteer gazetteer)
    {
        // A run of five words or more is a heading or a list that the length limit rejects whole; cutting it would
        // leave a "name" in a megabyte of surnames with two spaces between them.
        if (run.Count > MaxRunWords)
        {
            return;
        }

        for (var k = 1; k < run.Count; k++)
        {
            var gap = text.AsSpan(run[k - 1].End, run[k].Start - run[k - 1].End);
            if (gap.Length < 2 || gap.ContainsAnyExcept(' '))
            {
                continue;
            }

            var rest = text[run[k].Start..(run[^1].Start + NameShapes.Bare(run[^1].Text).Length)];
            var word = NameShapes.Bare(run[k].Text);
            if (gazetteer.IsPlaceNotName(rest) || gazetteer.IsPlaceNotName(word) || PersonRules.NotNames.Contains(word)
                || (gazetteer.EnglishWords.Contains(word) && !gazetteer.IsKnownName(word) && !gazetteer.PeopleNames.Contains(word)))
            {
                run.RemoveRange(k, run.Count - k);
            }

            return;
        }
    }

    /// <summary>"St. Louis Rams", "Mt. Vernon": a run right after an abbreviated saint or mount is a place, a team or a church.</summary>
    public static bool SaintBefore(string text, int start) =>
        PersonCues.WordBefore(text, start, out _) is "St." or "Ste." or "Mt." or "Sta.";
}
