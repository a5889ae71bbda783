namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Places that the name lists hold as first names too ("India", "Kenya", "London", "Sydney", "Boston", "Chelsea"), and
/// things that open with a nationality ("Turkish Latin", "German Shepherd"). A lone capitalised word of that kind is
/// a person only with a person's evidence; where the text around it is a place's (a country or a continent, a known
/// place beside it, "from ... to", "London time", "vs Chelsea") it is the place.
/// </summary>
internal static class PlacesAsNames
{
    private const int Window = 60;

    /// <summary>Countries and continents that the SSA list also holds as first names: alone they are the place far more often.</summary>
    private static readonly HashSet<string> Regions = new(StringComparer.OrdinalIgnoreCase)
    {
        "america", "africa", "asia", "europe", "india", "ireland", "israel", "kenya",
    };

    private static readonly HashSet<string> Nationalities = new(StringComparer.OrdinalIgnoreCase)
    {
        "english", "french", "german", "spanish", "italian", "turkish", "russian", "chinese", "japanese", "korean", "arabic", "greek", "dutch", "polish",
        "swedish", "danish", "norwegian", "finnish", "american", "british", "indian", "african", "european", "asian", "latin", "irish", "scottish",
        "welsh", "persian", "hebrew", "hindi", "portuguese", "brazilian", "mexican", "canadian", "australian", "egyptian", "iranian", "thai",
        "vietnamese", "indonesian", "filipino", "swiss", "austrian", "belgian", "czech", "hungarian", "romanian", "ukrainian", "nigerian",
    };

    /// <summary>A country or a continent that is a first name too ("india", "america" of "bank of america accounts").</summary>
    public static bool IsRegion(string word) => Regions.Contains(word);

    /// <summary>
    /// True when the single word <paramref name="word"/> is a listed place and its neighbours say it is one here. After a
    /// comma at a sentence's end (<paramref name="vocative"/>: "Thanks, India.") a country alone is no evidence, but a
    /// place before the comma still is ("in Nairobi, Kenya.").
    /// </summary>
    public static bool IsPlaceHere(string text, WordToken token, string word, PiiGazetteer gazetteer, bool vocative) =>
        gazetteer.Places.Contains(word)
        && ((Regions.Contains(word) && !vocative) || PlaceBeside(text, token, gazetteer) || TimeAfter(text, token.End) || FromBefore(text, token.Start, gazetteer) || VersusBefore(text, token.Start)
            || InPlaceList(text, token, gazetteer) || PlaceNounAfter.Follows(text, token.End));

    /// <summary>"Turkish Latin", "English Languages", "German Shepherd": a nationality and an ordinary word or a proper noun name a thing.</summary>
    public static bool NationalityAndNoun(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count != 2 || !Nationalities.Contains(run[0].Text))
        {
            return false;
        }

        var second = NameShapes.Bare(run[1].Text);
        return gazetteer.EnglishWords.Contains(second.ToLowerInvariant()) || (gazetteer.ProperNouns.Contains(second) && !gazetteer.IsKnownName(second));
    }

    /// <summary>"Delhi, India", "China, India, US", "Europe and Asia", "San Francisco and Sydney": a place-only name right before or after it.</summary>
    private static bool PlaceBeside(string text, WordToken token, PiiGazetteer gazetteer)
    {
        var before = PhraseBefore(text, token.Start);
        var after = PhraseAfter(text, token.End);
        return (before.Length > 0 && (gazetteer.IsPlaceNotName(before) || gazetteer.IsPlaceNotName(LastWord(before))))
            || (after.Length > 0 && (gazetteer.IsPlaceNotName(after) || gazetteer.IsPlaceNotName(FirstWord(after))));
    }

    /// <summary>The capitalised words (at most three) before a comma, "and" or "or" that precedes <paramref name="start"/>; empty when there is none.</summary>
    private static string PhraseBefore(string text, int start)
    {
        var i = SkipBack(text, start - 1);
        if (i >= 0 && text[i] == ',')
        {
            i = SkipBack(text, i - 1);
        }
        else if (EndsWithWord(text, i, "and") || EndsWithWord(text, i, "or"))
        {
            i = SkipBack(text, text.LastIndexOf(' ', i) is var space and >= 0 ? space : -1);
        }
        else
        {
            return string.Empty;
        }

        var end = i + 1;
        var phraseStart = end;
        for (var words = 0; words < 3; words++)
        {
            var j = i;
            while (j >= 0 && char.IsLetter(text[j]))
            {
                j--;
            }

            if (j == i || !char.IsUpper(text[j + 1]))
            {
                break;
            }

            phraseStart = j + 1;
            if (j < 1 || text[j] != ' ')
            {
                break;
            }

            i = j - 1;
        }

        return text[phraseStart..end];
    }

    /// <summary>The capitalised words (at most three) after a comma, "and" or "or" that follows <paramref name="end"/> (or right after it, without <paramref name="requireJoiner"/>); empty when there is none.</summary>
    private static string PhraseAfter(string text, int end, bool requireJoiner = true)
    {
        var i = end;
        if (i < text.Length && text[i] == ',')
        {
            i++;
        }
        else if (StartsWithWord(text, i, "and") || StartsWithWord(text, i, "or"))
        {
            i = text.IndexOf(' ', i + 1) is var space and >= 0 ? space : text.Length;
        }
        else if (requireJoiner)
        {
            return string.Empty;
        }

        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var start = i;
        var words = 0;
        while (i < text.Length && char.IsUpper(text[i]) && words < 3)
        {
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            words++;
            if (i + 1 < text.Length && text[i] == ' ' && char.IsUpper(text[i + 1]) && words < 3)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return text[start..i];
    }

    /// <summary>
    /// "in London, Paris, Zurich and New York", "from Amsterdam to Paris, Brussels, Frankfurt and London", "in Paris and
    /// London": a list of two or more places right after a preposition of place (each a listed place or a phrase no name list
    /// holds), where every neighbour is a place that is also a name, so <see cref="PlaceBeside"/> finds no place-only neighbour (a travel policy's city list).
    /// </summary>
    private static bool InPlaceList(string text, WordToken token, PiiGazetteer gazetteer)
    {
        const int MaxItems = 8;
        var items = 1;
        var placesOnly = 0;
        var listStart = token.Start;
        while (items < MaxItems && PhraseBefore(text, listStart) is { Length: > 0 } before && PlaceOrNoName(before, gazetteer)
            && text.LastIndexOf(before, listStart - 1, StringComparison.Ordinal) is var at and >= 0)
        {
            listStart = at;
            items++;
            placesOnly += PlaceNotFirstName(before, gazetteer) ? 1 : 0;
        }

        var end = token.End;
        while (items < MaxItems && PhraseAfter(text, end) is { Length: > 0 } after && PlaceOrNoName(after, gazetteer)
            && text.IndexOf(after, end, StringComparison.Ordinal) is var at and >= 0)
        {
            end = at + after.Length;
            items++;
            placesOnly += PlaceNotFirstName(after, gazetteer) ? 1 : 0;
        }

        // "Tier 1 - London, Paris, Zurich, New York, Tokyo": a list in which two or more other items are places that are
        // nobody's first name is a list of places, with or without "in" before it.
        return items >= 2 && (placesOnly >= 2 || PlacePrepositions.Contains(PersonCues.WordBefore(text, listStart, out _)));
    }

    /// <summary>A listed place that no first-name list holds ("Tokyo", "New York"; not "Paris", "Sydney").</summary>
    private static bool PlaceNotFirstName(string phrase, PiiGazetteer gazetteer) =>
        gazetteer.Places.Contains(phrase) && !gazetteer.FirstNames.Contains(phrase);

    /// <summary>A listed place, or a capitalised phrase no name list holds ("Frankfurt", which GeoNames lists as "Frankfurt am Main").</summary>
    private static bool PlaceOrNoName(string phrase, PiiGazetteer gazetteer) =>
        gazetteer.Places.Contains(phrase) || !(gazetteer.IsKnownName(phrase) || gazetteer.PeopleNames.Contains(phrase));

    private static readonly HashSet<string> PlacePrepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "to", "from", "via", "between", "across", "near", "including", "visiting",
    };

    private static bool TimeAfter(string text, int end) =>
        StartsWithWord(text, end, "time") || StartsWithWord(text, end, "timezone");

    /// <summary>
    /// "from New York to Boston", "from New York, NY to Paris": the second place of a journey (one sentence, a short
    /// window), when the first is no person's name ("$50 from Anna to Mary" is a payment between people).
    /// </summary>
    private static bool FromBefore(string text, int start, PiiGazetteer gazetteer)
    {
        var i = SkipBack(text, start - 1);
        if (!EndsWithWord(text, i, "to"))
        {
            return false;
        }

        var from = Math.Max(0, start - Window);
        var window = text.AsSpan(from, start - from);
        var at = window.LastIndexOf("from ", StringComparison.Ordinal);
        if (at < 0 || at + 5 >= window.Length || !char.IsUpper(window[at + 5]) || window[at..].IndexOfAny(".?!\n") >= 0)
        {
            return false;
        }

        var first = window[(at + 5)..];
        var length = 0;
        while (length < first.Length && char.IsLetter(first[length]))
        {
            length++;
        }

        var word = first[..length].ToString();
        var phrase = PhraseAfter(text, from + at + 4, requireJoiner: false);
        return gazetteer.IsPlaceNotName(phrase) || gazetteer.IsPlaceNotName(word) || !(gazetteer.IsKnownName(word) || gazetteer.PeopleNames.Contains(word));
    }

    /// <summary>"Manchester United vs Chelsea": a side named after its town.</summary>
    private static bool VersusBefore(string text, int start)
    {
        var word = PersonCues.WordBefore(text, start, out _).TrimEnd('.');
        return word is "vs" or "versus" or "v";
    }

    private static int SkipBack(string text, int i)
    {
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i;
    }

    /// <summary>True when the text ending at index <paramref name="last"/> is the whole word <paramref name="word"/>.</summary>
    private static bool EndsWithWord(string text, int last, string word)
    {
        var start = last - word.Length + 1;
        return start >= 0 && string.CompareOrdinal(text, start, word, 0, word.Length) == 0 && !char.IsLetter(Boundaries.CharAt(text, start - 1));
    }

    /// <summary>True when a space and then the whole word <paramref name="word"/> follow <paramref name="end"/>.</summary>
    private static bool StartsWithWord(string text, int end, string word)
    {
        var start = end + 1;
        return Boundaries.CharAt(text, end) == ' ' && start + word.Length <= text.Length
            && string.CompareOrdinal(text, start, word, 0, word.Length) == 0 && !char.IsLetter(Boundaries.CharAt(text, start + word.Length));
    }

    private static string LastWord(string phrase) => phrase.LastIndexOf(' ') is var space and >= 0 ? phrase[(space + 1)..] : phrase;

    private static string FirstWord(string phrase) => phrase.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? phrase[..space] : phrase;
}
