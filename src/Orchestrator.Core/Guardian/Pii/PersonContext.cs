namespace Orchestrator.Guardian.Pii;

/// <summary>The context around a capitalised run as evidence for or against a person name (the words before and after it, its place in its line and sentence).</summary>
internal static class PersonContext
{
    /// <summary>
    /// Context that makes a capitalised run a place, an organisation or part of a web address: "the
    /// Avalara office", "I work for Datamyne", "Pixia Corp.", "from Czech Republic", "http://Smellology.be".
    /// Only a title or a listed first name outweighs it.
    /// </summary>
    internal static bool NotAPersonHere(string text, List<WordToken> run, bool placePrepositionsCount = true)
    {
        var start = run[0].Start;
        var end = run[^1].End;
        var before = PersonCues.WordBefore(text, start, out _);
        var glued = Boundaries.CharAt(text, start - 1) is '/' or '.' or '@' or '_' or '#'
            || (Boundaries.CharAt(text, end) is '.' or '@' or '/' or '_' && char.IsLetterOrDigit(Boundaries.CharAt(text, end + 1)));
        return glued
            || (run.Count > 1 && (PersonCues.OrganisationWords.Contains(run[^1].Text) || PersonCues.PlaceWords.Contains(run[^1].Text)))
            || PersonCues.Determiners.Contains(before)
            || (placePrepositionsCount && PersonCues.PlacePrepositions.Contains(before))
            || PersonCues.EndsWithCue(text, start, PersonCues.Organisation)
            || PersonCues.OrganisationAfter.Contains(WordAfter(text, end));
    }

    internal static string WordAfter(string text, int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var from = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        return text[from..i];
    }

    /// <summary>The run is all its line holds: a signature or a letterhead ("Karin M. Beike" above a job title).</summary>
    internal static bool FillsLine(string text, List<WordToken> run)
    {
        var before = run[0].Start == 0 || text[run[0].Start - 1] == '\n' || (text.LastIndexOf('\n', run[0].Start - 1) is var nl && text.AsSpan(nl + 1, run[0].Start - nl - 1).IsWhiteSpace());
        var end = run[^1].End;
        while (end < text.Length && text[end] is ' ' or '\t' or '\r')
        {
            end++;
        }

        return before && (end == text.Length || text[end] == '\n');
    }

    /// <summary>"Remember me, Kelly?", "Don't go to town, Roy!": a name after a comma that ends the sentence.</summary>
    internal static bool Vocative(string text, WordToken token)
    {
        PersonCues.WordBefore(text, token.Start, out var separator);
        var after = Boundaries.CharAt(text, token.End);
        return separator == ',' && (after is '?' or '!' || (after == '.' && Boundaries.CharAt(text, token.End + 1) is '\0' or ' ' or '\n'));
    }

    /// <summary>True at the start of the text, a line or a sentence, where every word is capitalised.</summary>
    internal static bool SentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '"' or '\'' or '“' or '(' or '*' or '-')
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or '\r';
    }

    /// <summary>"Nicole: Remember me" — a name at the start of a line, followed by a colon.</summary>
    internal static bool SpeakerLabel(string text, WordToken word) =>
        Boundaries.CharAt(text, word.End) == ':' && (word.Start == 0 || text[word.Start - 1] == '\n') && !PersonCues.Labels.Contains(word.Text);

    /// <summary>"Katrine is", "Olga has": a listed first name that starts a sentence and is its subject.</summary>
    internal static bool VerbAfter(string text, WordToken word) => PersonCues.SubjectVerbs.Contains(WordAfter(text, word.End)) && Boundaries.CharAt(text, word.End) == ' ';

    internal static bool CueAfter(string text, WordToken word)
    {
        var i = word.End;
        if (Boundaries.CharAt(text, i) != ' ')
        {
            return false;
        }

        var end = i + 1;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return PersonCues.After.Contains(text[(i + 1)..end]);
    }
}
