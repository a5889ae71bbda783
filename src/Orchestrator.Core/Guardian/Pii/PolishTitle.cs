namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Polish "Pan" / "Pani" (Mr / Mrs) before a surname: a title, so the name after it is a person and the title stays out
/// of the span ("Pani Kowalska", "pan Nowak"). English has "Pan Am", "Peter Pan" and "a pan", so only a following word
/// that is a listed name or in no dictionary, and no English word, counts.
/// </summary>
internal static class PolishTitle
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal) { "Pan", "Pani", "Panna" };

    private static readonly HashSet<string> LowerTitles = new(StringComparer.Ordinal) { "pan", "pani", "panna" };

    /// <summary>True when the run opens with the title and a word that is no English word follows it.</summary>
    public static bool Opens(List<WordToken> run, PiiGazetteer gazetteer) =>
        run.Count >= 2 && Titles.Contains(run[0].Text) && NotAWord(run[1].Text, gazetteer);

    /// <summary>True when the lower-case title stands right before a run whose first word is no English word.</summary>
    public static bool Before(string text, List<WordToken> run) =>
        run.Count >= 1 && LowerTitles.Contains(PersonCues.WordBefore(text, run[0].Start, out _))
        && NotAWord(run[0].Text, PiiGazetteer.Shared);

    private static bool NotAWord(string word, PiiGazetteer gazetteer)
    {
        var bare = NameShapes.Bare(word);
        return bare.Length >= 2 && char.IsUpper(bare[0]) && !gazetteer.EnglishWords.Contains(bare)
            && (gazetteer.IsKnownName(bare) || gazetteer.PeopleNames.Contains(bare) || gazetteer.IsUnusualWord(bare));
    }
}
