namespace Orchestrator.Guardian.Pii;

/// <summary>
/// A name found once is a name wherever it recurs in the same text: "sung by Bonifacy Kaczmarek …
/// Kaczmarek was influenced", "Alice Goldberg's Cautionary Tales … early Goldberg". A recurring word
/// counts only when it matches a found name word exactly (same case) and that word is no ordinary
/// English word, no place and no name that is also a word ("Will", "Brown"), so a repeated
/// capitalised word at a sentence start is not dragged in. Linear in the number of words.
/// </summary>
internal static class NameMentions
{
    private const double Confidence = 0.6;

    public static void Collect(string text, List<WordToken> tokens, PiiGazetteer gazetteer, List<PiiSpan> found)
    {
        if (found.Count == 0)
        {
            return;
        }

        var isPerson = new bool[text.Length];
        foreach (var span in found)
        {
            isPerson.AsSpan(span.Start, span.Length).Fill(true);
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var word = NameShapes.Bare(token.Text);
            if (isPerson[token.Start] && IsDistinctive(gazetteer, word))
            {
                known.Add(word);
            }
        }

        if (known.Count == 0)
        {
            return;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (isPerson[tokens[i].Start] || !known.Contains(NameShapes.Bare(tokens[i].Text)))
            {
                continue;
            }

            // Consecutive mentions on one space ("Emmie Ström" again) form one span.
            var last = i;
            while (last + 1 < tokens.Count && !isPerson[tokens[last + 1].Start] && tokens[last + 1].Start == tokens[last].End + 1 && text[tokens[last].End] == ' '
                && NameShapes.Bare(tokens[last].Text) == tokens[last].Text && known.Contains(NameShapes.Bare(tokens[last + 1].Text)))
            {
                last++;
            }

            // "Rothenberg Political Report" after "Stuart Rothenberg": a mention that runs on into capitalised words that are
            // no part of the name is the first word of a thing named after the person.
            if (OpensLongerRun(text, tokens, last, known) || AfterParticleOfLongerRun(text, tokens, i))
            {
                i = last;
                continue;
            }

            var start = tokens[i].Start;
            var end = tokens[last].Start + NameShapes.Bare(tokens[last].Text).Length;
            found.Add(new PiiSpan(PiiType.Person, start, end - start, text[start..end]) { Confidence = Confidence });
            i = last;
        }
    }

    private static bool OpensLongerRun(string text, List<WordToken> tokens, int last, HashSet<string> known) =>
        NameShapes.Bare(tokens[last].Text) == tokens[last].Text && last + 1 < tokens.Count && tokens[last + 1].Start == tokens[last].End + 1 && text[tokens[last].End] == ' '
        && tokens[last + 1].IsCapitalized && !tokens[last + 1].IsNumber && !known.Contains(NameShapes.Bare(tokens[last + 1].Text));

    /// <summary>"Estadio Polideportivo de Belén": the mention ends a capitalised run through a particle.</summary>
    private static bool AfterParticleOfLongerRun(string text, List<WordToken> tokens, int i) =>
        i >= 2 && PersonRules.Particles.Contains(tokens[i - 1].Text) && tokens[i - 1].End + 1 == tokens[i].Start && tokens[i - 2].End + 1 == tokens[i - 1].Start
        && text[tokens[i - 2].End] == ' ' && text[tokens[i - 1].End] == ' ' && tokens[i - 2].IsCapitalized;

    private static bool IsDistinctive(PiiGazetteer gazetteer, string word) =>
        word.Length >= 3 && !CharClasses.AnyDigit(word) && !PersonRules.Particles.Contains(word) && !PersonRules.NotNames.Contains(word) && !PersonCues.Titles.Contains(word)
        && !gazetteer.EnglishWords.Contains(word) && !gazetteer.NameWords.Contains(word) && !gazetteer.Places.Contains(word) && !gazetteer.ProperNouns.Contains(word);
}
