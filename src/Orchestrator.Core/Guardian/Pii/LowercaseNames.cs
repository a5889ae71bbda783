namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Names written in lower case, which the capitalised-run rules cannot see: the words after "my
/// name is" / "calls me" when they are no ordinary words, and a listed first name followed by a
/// surname or a word in no dictionary ("olga krylova", "bertram m. jørgensen").
/// </summary>
internal static class LowercaseNames
{
    private const int MaxWords = 3;

    private static readonly string[] NameIs = ["name is", "name's", "maiden name is", "surname is", "calls me", "call me", "i'm called", "named"];

    public static void Collect(string text, List<WordToken> tokens, PiiGazetteer gazetteer, List<PiiSpan> found)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsLowerWord(tokens[i]))
            {
                continue;
            }

            var end = PersonCues.EndsWithCue(text, tokens[i].Start, NameIs) ? AfterCue(text, tokens, i, gazetteer) : -1;
            var confidence = 0.8;
            if (end < 0)
            {
                end = FirstAndLast(text, tokens, i, gazetteer);
                confidence = 0.6;
                if (end > i && ForeignAround(tokens, i, end, gazetteer))
                {
                    end = -1;
                }
            }

            if (end > i && (confidence > 0.6 || !PlaceOrBrand(text, tokens, i, end, gazetteer)))
            {
                var start = confidence > 0.6 || !FirstNameBefore(text, tokens, i, gazetteer) ? tokens[i].Start : tokens[i - 1].Start;
                var stop = tokens[end - 1].Start + NameShapes.Bare(tokens[end - 1].Text).Length;
                found.Add(new PiiSpan(PiiType.Person, start, stop - start, text[start..stop]) { Confidence = confidence });
                i = end - 1;
            }
        }
    }

    /// <summary>Up to three name words after the cue (none an English word unless it is a listed name); the index after the last, or -1.</summary>
    private static int AfterCue(string text, List<WordToken> tokens, int i, PiiGazetteer gazetteer)
    {
        var k = i;
        while (k < tokens.Count && k - i < MaxWords && IsLowerWord(tokens[k]) && (k == i || Joined(text, tokens[k - 1], tokens[k]))
            && !PersonRules.NotNames.Contains(tokens[k].Text)
            && (gazetteer.IsPlainName(NameShapes.Bare(tokens[k].Text)) || gazetteer.IsUnusualWord(NameShapes.Bare(tokens[k].Text)) || gazetteer.FirstNames.Contains(tokens[k].Text)))
        {
            k++;
        }

        return k > i ? k : -1;
    }

    /// <summary>"naomi ryan", "leidy t muris": a listed first name that is no English word, an optional initial, then a surname-like word.</summary>
    private static int FirstAndLast(string text, List<WordToken> tokens, int i, PiiGazetteer gazetteer)
    {
        var first = tokens[i].Text;
        if (first.Length < 3 || !(gazetteer.FirstNames.Contains(first) || gazetteer.PeopleNames.Contains(first)) || gazetteer.EnglishWords.Contains(first) || gazetteer.NameWords.Contains(first))
        {
            return -1;
        }

        var k = i + 1;
        if (k + 1 < tokens.Count && tokens[k].Text.Length == 1 && char.IsLower(tokens[k].Text[0]) && Joined(text, tokens[k - 1], tokens[k]))
        {
            k++; // a middle initial
        }

        // "maud van der meer", "joão da silva": up to two particles before the surname.
        var particles = 0;
        while (particles < 2 && k + 1 < tokens.Count && PersonRules.Particles.Contains(tokens[k].Text) && Joined(text, tokens[k - 1], tokens[k]))
        {
            k++;
            particles++;
        }

        // "janet didnt realize": a contraction written without its apostrophe is no surname.
        if (k >= tokens.Count || !IsLowerWord(tokens[k]) || !Joined(text, tokens[k - 1], tokens[k]) || !SurnameLike(tokens[k], gazetteer)
            || PersonRules.NotNames.Contains(tokens[k].Text))
        {
            return -1;
        }

        // "felipe banda castillo": a second surname that is no English word either.
        return k + 1 < tokens.Count && IsLowerWord(tokens[k + 1]) && Joined(text, tokens[k], tokens[k + 1]) && SurnameLike(tokens[k + 1], gazetteer)
            && !PersonRules.NotNames.Contains(tokens[k + 1].Text) ? k + 2 : k + 1;
    }

    /// <summary>
    /// "louise feldt hjorth", "karl björk bergqvist": a name found from its second word (the first is also a place or a
    /// brand somewhere, so it opened nothing) takes a listed first name right before it that is no English word.
    /// </summary>
    private static bool FirstNameBefore(string text, List<WordToken> tokens, int i, PiiGazetteer gazetteer)
    {
        if (i == 0 || !IsLowerWord(tokens[i - 1]) || !Joined(text, tokens[i - 1], tokens[i]))
        {
            return false;
        }

        var word = tokens[i - 1].Text;
        return word.Length >= 3 && !PersonRules.NotNames.Contains(word) && !PersonRules.Particles.Contains(word)
            && (gazetteer.FirstNames.Contains(word) || gazetteer.PeopleNames.Contains(word))
            && !gazetteer.EnglishWords.Contains(word) && !gazetteer.NameWords.Contains(word) && !gazetteer.Places.Contains(word);
    }

    /// <summary>
    /// "masih tersedia dalam ukuran", "una canción que haya sido": a first name and a word in no dictionary are no
    /// evidence in a sentence of another language, where most words are in no English dictionary. True when at least
    /// three of the lower-case words around the candidate (six each side; names and places not counted) are read and
    /// fewer than half are English.
    /// </summary>
    private static bool ForeignAround(List<WordToken> tokens, int from, int to, PiiGazetteer gazetteer)
    {
        var read = 0;
        var english = 0;
        for (var k = Math.Max(0, from - ForeignWindow); k < Math.Min(tokens.Count, to + ForeignWindow); k++)
        {
            var word = tokens[k].Text;
            // Names and places are no evidence either way ("nathan girard joined souza, carvalho e costa"); particles
            // ("de", "los") are, since they are another language's function words.
            if ((k >= from && k < to) || !IsLowerWord(tokens[k]) || word.Length < 2
                || (!gazetteer.EnglishWords.Contains(word) && !PersonRules.Particles.Contains(word)
                    && (gazetteer.IsKnownName(word) || gazetteer.PeopleNames.Contains(word) || gazetteer.Places.Contains(word))))
            {
                continue;
            }

            read++;
            // NotNames holds English words the word list lacks ("dont", "youre") and some Spanish ones ("los", "san").
            if (gazetteer.EnglishWords.Contains(word)
                || (PersonRules.NotNames.Contains(word) && !PersonRules.Particles.Contains(word) && !word.StartsWith("san", StringComparison.Ordinal)))
            {
                english++;
            }
        }

        return read >= 3 && english * 2 < read;
    }

    private const int ForeignWindow = 6;

    private static bool SurnameLike(WordToken token, PiiGazetteer gazetteer)
    {
        var last = NameShapes.Bare(token.Text);
        return last.Length >= 3 && !last.Contains('\'', StringComparison.Ordinal) && !last.Contains('’', StringComparison.Ordinal) && !gazetteer.EnglishWords.Contains(last)
            && (gazetteer.IsPlainName(last) || gazetteer.IsUnusualWord(last));
    }

    /// <summary>"in san diego", "my charles schwab account", "denver colorado", "bank of america accounts": a place, or a brand named after a person.</summary>
    private static bool PlaceOrBrand(string text, List<WordToken> tokens, int from, int to, PiiGazetteer gazetteer)
    {
        var words = tokens.GetRange(from, to - from);
        // "talavera de la reina": a town whose first word is also a first name.
        // "teplice nad metují", "london heathrow airport", "franco alameda": a town on its river, a venue, a street.
        var after = to < tokens.Count && Joined(text, tokens[to - 1], tokens[to]) ? tokens[to].Text : string.Empty;
        var before = from > 0 && Joined(text, tokens[from - 1], tokens[from]) ? tokens[from - 1].Text : string.Empty;
        return PlacePrefixes.Contains(words[0].Text) || PlacesAsNames.IsRegion(words[0].Text)
            || ThingOpeners.PlaceConnectors.Contains(words[0].Text) || ThingOpeners.PlaceConnectors.Contains(before)
            || ThingNames.IsVenueWord(after) || (after.Length >= 4 && gazetteer.StreetSuffixes.Contains(after) && !gazetteer.IsKnownName(after))
            || words.Exists(w => ThingOpeners.IsStreetWord(w.Text))
            || gazetteer.IsPlaceNotName(text[words[0].Start..(words[^1].Start + words[^1].Text.Length)])
            || words.Exists(w => !gazetteer.IsKnownName(w.Text) && gazetteer.ProperNouns.Contains(w.Text))
            || PersonContext.NotAPersonHere(text, words);
    }

    private static readonly HashSet<string> PlacePrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "san", "santa", "santo", "são", "los", "las", "el", "la", "new", "north", "south", "east", "west", "saint", "st", "fort", "port", "mount", "lake", "cape", "hong", "costa", "puerto", "buenos", "rio", "sri",
    };

    private static bool IsLowerWord(WordToken token) => !token.IsNumber && char.IsLower(token.Text[0]);

    /// <summary>One space between the words, or an initial's dot and a space.</summary>
    private static bool Joined(string text, WordToken a, WordToken b)
    {
        var gap = text.AsSpan(a.End, b.Start - a.End);
        return gap is " " || (gap is ". " && a.Text.Length == 1);
    }
}
