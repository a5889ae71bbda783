namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Things in ordinary text that the name rules read as people (issue 11, branch pii25): a persona's label coined from
/// two English words or a prefix and a word ("Hackerman:", "Unaligned:"); an item of a quoted list whose
/// other items are no names (<c>'GroupNorm', 'Hardshrink', 'Hardtanh'</c>); a whole quotation right after a thing
/// noun ("the song 'Cha Cha Cha'", "website "Frank"", "with title 'David'") or before a version ("'Orion' version
/// 2.1.3"); a unit after "per" ("Joules per Kelvin"); a genus and a species ("Homo Sapiens"); a theory, law or model named after someone ("Darwin model",
/// "Nash equilibrium"); a slogan that opens with a gerund ("Keeping Florida Beautiful"); an adjective made from a name
/// ("Riemannian geometry"); an empty field among fields ("Atheism:\nChristianity:\nIslam:").
/// </summary>
internal static class EverydayThings
{
    private const int MaxItem = 40;
    private const int MaxNeighbours = 6;

    private static readonly string[] Prefixes = ["un", "non", "anti", "super", "hyper", "over", "under", "mis", "dis", "counter", "multi", "semi"];

    /// <summary>Lower-case nouns that follow a person's name when a thing is named after the person ("the Bohr model").</summary>
    private static readonly HashSet<string> EponymNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "model", "models", "theorem", "equation", "equations", "principle", "constant", "effect", "distribution", "transform", "algorithm",
        "conjecture", "hypothesis", "paradox", "inequality", "lemma", "curve", "formula", "equilibrium", "syndrome", "theory", "notation", "matrix",
    };

    /// <summary>
    /// An unlisted word built from English parts: a prefix and a word ("Unaligned") or two words of three letters or
    /// more ("Hackerman"). A name on any list ("Goodman", "Hartley") is never coined.
    /// </summary>
    private static bool Coined(string word, PiiGazetteer gazetteer)
    {
        if (word.Length < 7 || gazetteer.IsKnownName(word) || gazetteer.PeopleNames.Contains(word) || gazetteer.ProperNouns.Contains(word))
        {
            return false;
        }

        var lower = word.ToLowerInvariant();
        if (gazetteer.EnglishWords.Contains(lower))
        {
            return false;
        }

        foreach (var prefix in Prefixes)
        {
            if (lower.Length - prefix.Length >= 4 && lower.StartsWith(prefix, StringComparison.Ordinal) && gazetteer.EnglishWords.Contains(lower[prefix.Length..]))
            {
                return true;
            }
        }

        for (var cut = 3; cut <= lower.Length - 3; cut++)
        {
            if (gazetteer.EnglishWords.Contains(lower[..cut]) && gazetteer.EnglishWords.Contains(lower[cut..]) && Math.Max(cut, lower.Length - cut) >= 4)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the run is a thing here by one of the classes above; <paramref name="names"/> are its bare words.</summary>
    public static bool IsThingHere(string text, List<WordToken> run, List<string> names, PiiGazetteer gazetteer)
    {
        // Only as a speaker label: surnames are built the same way ("Goldenson", "Pitbull"), a persona's label seldom is a surname.
        if (names.Count == 1 && PersonContext.SpeakerLabel(text, run[0]) && Coined(names[0], gazetteer))
        {
            return true;
        }

        var start = run[0].Start;
        var end = run[^1].Start + NameShapes.Bare(run[^1].Text).Length;
        return UnitAfterPer(text, run, names.Count)
            || (names.Count == 1 && (AdjectiveOfName(text, names[0], end, gazetteer) || EmptyFieldAmongFields(text, run[0], gazetteer)))
            || LatinBinomial(names, gazetteer)
            || EponymNounAfter(text, end, names.Count)
            || GerundSlogan(run, names, gazetteer)
            || VersionAfter(text, end)
            || QuotedAfterThingNoun(text, start, end)
            || QuotedListOfThings(text, start, end, gazetteer);
    }

    /// <summary>
    /// "Joules per Kelvin", "metres per Newton": one word after "per" is a unit; not after "as per" and not a possessive
    /// or a word before a comma ("per Anna's note", "per Anna, the room is booked").
    /// </summary>
    private static bool UnitAfterPer(string text, List<WordToken> run, int words)
    {
        if (words != 1 || !PersonCues.WordBefore(text, run[0].Start, out _).Equals("per", StringComparison.OrdinalIgnoreCase)
            || run[0].Text.EndsWith("'s", StringComparison.Ordinal) || run[0].Text.EndsWith("’s", StringComparison.Ordinal) || Boundaries.CharAt(text, run[0].End) == ',')
        {
            return false;
        }

        var perStart = run[0].Start - 1;
        while (perStart > 0 && text[perStart - 1] != ' ')
        {
            perStart--;
        }

        return !PersonCues.WordBefore(text, perStart, out _).Equals("as", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// "Homo Sapiens", "Acer Platanoides": a genus and a species, two words on no list of names and in no
    /// English dictionary, the second with a Latin ending that surnames seldom have. A listed name in either place
    /// ("Tomas Venclovas") keeps a person.
    /// </summary>
    private static bool LatinBinomial(List<string> names, PiiGazetteer gazetteer) =>
        names.Count == 2 && names.TrueForAll(n => !gazetteer.IsKnownName(n) && !gazetteer.PeopleNames.Contains(n) && gazetteer.IsUnusualWord(n))
        && LatinEndings.Any(e => names[1].EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Endings of species and Latin titles that surnames seldom have: not "-is", "-us" or "-as" (Greek, Baltic and Austrian names: "Hatzidakis", "Serģis", "Schabus").</summary>
    private static readonly string[] LatinEndings = ["ens", "um", "ae", "ensis", "oides"];

    /// <summary>
    /// "Riemannian geometry", "Euclidean space": an unlisted word ending in "-ian" or "-ean" before a lower-case English
    /// word that is no verb is an adjective made from a name ("Kardashian said", "Brian likes" stay people).
    /// </summary>
    private static bool AdjectiveOfName(string text, string word, int end, PiiGazetteer gazetteer)
    {
        if (!(word.EndsWith("ian", StringComparison.Ordinal) || word.EndsWith("ean", StringComparison.Ordinal)) || word.Length < 6
            || gazetteer.IsKnownName(word) || gazetteer.PeopleNames.Contains(word) || Boundaries.CharAt(text, end) != ' ')
        {
            return false;
        }

        var next = NextWord(text, end + 1);
        return next.Length > 2 && char.IsLower(next[0]) && gazetteer.EnglishWords.Contains(next) && !PersonCues.SubjectVerbs.Contains(next)
            && !PersonCues.After.Contains(next) && !next.EndsWith("ed", StringComparison.Ordinal) && !next.EndsWith('s');
    }

    /// <summary>
    /// "Atheism:\nChristianity:\nIslam:\nHinduism:": a label with nothing after its colon among at least two other
    /// such lines, fewer than half of them names, is a field to fill in, not a speaker ("John:\nMary:\nLee:" stays).
    /// </summary>
    private static bool EmptyFieldAmongFields(string text, WordToken word, PiiGazetteer gazetteer)
    {
        if (!PersonContext.SpeakerLabel(text, word) || !LineEndsAt(text, word.End + 1))
        {
            return false;
        }

        var fields = new List<string>();
        var lineStart = word.Start;
        for (var k = 0; k < MaxNeighbours && lineStart > 0 && EmptyFieldBefore(text, lineStart, out var field, out lineStart); k++)
        {
            fields.Add(field);
        }

        var next = SkipLineBreak(text, word.End + 1);
        for (var k = 0; k < MaxNeighbours && EmptyFieldAt(text, next, out var field, out next); k++)
        {
            fields.Add(field);
        }

        return fields.Count >= 2 && fields.Count(f => gazetteer.IsKnownName(f) || gazetteer.PeopleNames.Contains(f)) * 2 < fields.Count;
    }

    private static bool LineEndsAt(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i >= text.Length || text[i] is '\n' or '\r';
    }

    private static int SkipLineBreak(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>A line "Word:" with nothing after the colon that starts at <paramref name="start"/>; <paramref name="next"/> is where the line after it starts.</summary>
    private static bool EmptyFieldAt(string text, int start, out string field, out int next)
    {
        field = NextWord(text, start);
        next = start + field.Length + 1;
        if (field.Length == 0 || Boundaries.CharAt(text, start + field.Length) != ':' || !LineEndsAt(text, next))
        {
            return false;
        }

        next = SkipLineBreak(text, next);
        return true;
    }

    /// <summary>The line "Word:" that ends right before the line starting at <paramref name="lineStart"/>; its start goes to <paramref name="previousStart"/>.</summary>
    private static bool EmptyFieldBefore(string text, int lineStart, out string field, out int previousStart)
    {
        field = string.Empty;
        previousStart = lineStart;
        var i = lineStart - 1;
        while (i >= 0 && text[i] is '\r' or '\n' or ' ')
        {
            i--;
        }

        if (i < 1 || text[i] != ':')
        {
            return false;
        }

        var wordEnd = i;
        i--;
        while (i >= 0 && wordEnd - i <= 20 && char.IsLetter(text[i]))
        {
            i--;
        }

        if (i >= 0 && text[i] is not ('\n' or '\r'))
        {
            return false;
        }

        field = text[(i + 1)..wordEnd];
        previousStart = i + 1;
        return field.Length > 0;
    }

    /// <summary>"the Darwin model", "Nash equilibrium": one surname-like word and a lower-case noun of theories and laws.</summary>
    private static bool EponymNounAfter(string text, int end, int words) =>
        words == 1 && Boundaries.CharAt(text, end) == ' ' && NextWord(text, end + 1) is { Length: > 0 } next && char.IsLower(next[0]) && EponymNouns.Contains(next);

    /// <summary>"Keeping Florida Beautiful", "Building Better Schools": three words or more, the first an English gerund, the last an English word and no name.</summary>
    private static bool GerundSlogan(List<WordToken> run, List<string> names, PiiGazetteer gazetteer)
    {
        if (run.Count < 3 || names.Count < 2)
        {
            return false;
        }

        var first = names[0].ToLowerInvariant();
        var last = names[^1];
        return first.EndsWith("ing", StringComparison.Ordinal) && gazetteer.EnglishWords.Contains(first) && !gazetteer.FirstNames.Contains(names[0])
            && gazetteer.EnglishWords.Contains(last.ToLowerInvariant()) && !gazetteer.IsKnownName(last);
    }

    /// <summary>"'Orion' version 2.1.3", "Orion v2": a run that a version follows names software.</summary>
    private static bool VersionAfter(string text, int end)
    {
        var i = end;
        if (Boundaries.CharAt(text, i) is '\'' or '"' or '’' or '”')
        {
            i++;
        }

        if (Boundaries.CharAt(text, i) != ' ')
        {
            return false;
        }

        var next = NextWord(text, i + 1);
        var after = i + 1 + next.Length;
        return (next.Equals("version", StringComparison.OrdinalIgnoreCase) && Boundaries.CharAt(text, after) == ' ' && char.IsDigit(Boundaries.CharAt(text, after + 1)))
            || (next is "v" or "V" && char.IsDigit(Boundaries.CharAt(text, after)));
    }

    /// <summary>"the song 'Cha Cha Cha'", "website "Frank"", "with title 'David'": the run fills a quotation that a thing noun opens.</summary>
    private static bool QuotedAfterThingNoun(string text, int start, int end)
    {
        if (!WholeQuotation(text, start, end, out var open))
        {
            return false;
        }

        var noun = PersonCues.WordBefore(text, open, out _);
        return noun.Equals("title", StringComparison.OrdinalIgnoreCase) || NamedThings.IsThingNoun(noun);
    }

    /// <summary>
    /// <c>'GroupNorm', 'Hardshrink', 'Hardtanh'</c>: the run fills one item of a list of quoted items, and of at least three
    /// other items fewer than half are names (<c>['Sam', 'Alice', 'Jack']</c> stays a list of people).
    /// </summary>
    private static bool QuotedListOfThings(string text, int start, int end, PiiGazetteer gazetteer)
    {
        if (!WholeQuotation(text, start, end, out var open))
        {
            return false;
        }

        var quote = text[open];
        var items = new List<string>();
        var at = open;
        while (items.Count < MaxNeighbours && PreviousItem(text, at, quote, out var item, out var itemOpen))
        {
            items.Add(item);
            at = itemOpen;
        }

        at = end + 1;
        var right = 0;
        while (right < MaxNeighbours && NextItem(text, at, quote, out var item, out var itemClose))
        {
            items.Add(item);
            at = itemClose + 1;
            right++;
        }

        if (items.Count < 3)
        {
            return false;
        }

        var names = items.Count(item => WordToken.Split(item) is { Count: > 0 } words
            && words.TrueForAll(w => char.IsUpper(w.Text[0]) && (gazetteer.IsKnownName(NameShapes.Bare(w.Text)) || gazetteer.PeopleNames.Contains(NameShapes.Bare(w.Text)))));
        return names * 2 < items.Count;
    }

    /// <summary>The item before the quote that opens at <paramref name="open"/>: ", 'item'" read backwards.</summary>
    private static bool PreviousItem(string text, int open, char quote, out string item, out int itemOpen)
    {
        item = string.Empty;
        itemOpen = -1;
        var i = open - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        if (i < 1 || text[i] != ',' || text[i - 1] != quote)
        {
            return false;
        }

        var close = i - 1;
        var j = close - 1;
        while (j >= 0 && close - j <= MaxItem && text[j] != quote && text[j] is not ('\n' or '\r'))
        {
            j--;
        }

        if (j < 0 || text[j] != quote || j == close - 1)
        {
            return false;
        }

        item = text[(j + 1)..close];
        itemOpen = j;
        return true;
    }

    /// <summary>The item after the quote that closes at <paramref name="from"/> - 1: ", 'item'" read forwards.</summary>
    private static bool NextItem(string text, int from, char quote, out string item, out int itemClose)
    {
        item = string.Empty;
        itemClose = -1;
        var i = from;
        if (Boundaries.CharAt(text, i) != ',')
        {
            return false;
        }

        i++;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (Boundaries.CharAt(text, i) != quote)
        {
            return false;
        }

        var j = i + 1;
        while (j < text.Length && j - i <= MaxItem && text[j] != quote && text[j] is not ('\n' or '\r'))
        {
            j++;
        }

        if (j >= text.Length || text[j] != quote || j == i + 1)
        {
            return false;
        }

        item = text[(i + 1)..j];
        itemClose = j;
        return true;
    }

    /// <summary>True when a straight or curly quote stands right before <paramref name="start"/> and its pair right after <paramref name="end"/> (a dot or comma may come first).</summary>
    private static bool WholeQuotation(string text, int start, int end, out int open)
    {
        open = start - 1;
        var before = Boundaries.CharAt(text, open);
        if (before is not ('\'' or '"' or '‘' or '“'))
        {
            return false;
        }

        var closing = before switch { '‘' => '’', '“' => '”', _ => before };
        var after = Boundaries.CharAt(text, end);
        return after == closing || (after is '.' or ',' && Boundaries.CharAt(text, end + 1) == closing);
    }

    private static string NextWord(string text, int from)
    {
        var i = from;
        while (i < text.Length && i - from < 20 && char.IsLetter(text[i]))
        {
            i++;
        }

        return text[from..i];
    }
}
