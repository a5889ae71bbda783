namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Names of things that look like people's names: what follows "a poem named", "a series called", "our system,
/// called", and the capitalised words of a work's title in quotes ("The Legend of Zelda: Breath of the Wild",
/// "Attention Is All You Need").
/// </summary>
internal static class NamedThings
{
    private const int MaxQuoted = 80;
    private const int MaxLine = 300;

    /// <summary>Things that are given names; a person's name after them is the thing's ("a dog named Max" is left alone: pets and characters are named like people).</summary>
    private static readonly HashSet<string> ThingNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "poem", "song", "track", "album", "book", "novel", "story", "series", "show", "film", "movie", "game", "app", "application", "program", "programme",
        "system", "tool", "product", "project", "model", "company", "startup", "brand", "band", "website", "site", "blog", "podcast", "channel", "ship",
        "boat", "yacht", "restaurant", "cafe", "café", "bar", "hotel", "shop", "store", "file", "folder", "document", "repo", "repository", "library",
        "framework", "feature", "function", "class", "variable", "method", "module", "package", "plugin", "bot", "chatbot", "planet", "storm",
        "hurricane", "painting", "sculpture", "play", "opera", "magazine", "newspaper", "journal", "paper", "article", "course", "festival",
        "conference", "campaign", "operation", "algorithm", "language", "protocol", "virus", "malware", "drug", "dish", "recipe", "cocktail",
        "font", "theme", "template", "device", "robot", "car", "rocket", "satellite", "mission", "spacecraft", "initiative", "platform", "service",
        "network", "server", "database", "dataset", "script", "village", "town", "city", "street", "river", "mountain", "island", "building", "tower",
    };

    private static readonly string[] NamingVerbs = ["named", "called", "titled", "entitled", "dubbed"];

    /// <summary>True when the text before <paramref name="start"/> ends with a thing noun and a naming verb ("a poem named", "our system, called").</summary>
    public static bool ThingNamedBefore(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '"' or '\'' or '“' or '‘')
        {
            i--;
        }

        var verbEnd = i + 1;
        while (i >= 0 && char.IsLetter(text[i]))
        {
            i--;
        }

        if (Array.IndexOf(NamingVerbs, text[(i + 1)..verbEnd].ToLowerInvariant()) < 0)
        {
            return false;
        }

        var noun = PersonCues.WordBefore(text, i + 1, out _);
        if (noun.Length == 0 && Boundaries.CharAt(text, i) is ' ' or ',')
        {
            // "Our system, called Deep Speech": the noun is before the comma.
            var j = i;
            while (j >= 0 && text[j] is ' ' or ',')
            {
                j--;
            }

            noun = PersonCues.WordBefore(text, j + 1, out _);
        }

        return IsThingNoun(noun.TrimEnd('.'));
    }

    /// <summary>A noun of things that are given names ("song", "website"), or its plural.</summary>
    public static bool IsThingNoun(string noun) =>
        ThingNouns.Contains(noun) || (noun.Length > 4 && noun.EndsWith('s') && ThingNouns.Contains(noun[..^1]));

    /// <summary>
    /// True when the run sits inside quotes on one line that hold more words than the run and read as a title: every
    /// word of four letters or more capitalised, at least three words ("Attention Is All You Need", "Legend of Zelda:
    /// Breath of the Wild"). A possessive run names the author ("Emmie Ström's Cautionary Tales") and is kept.
    /// </summary>
    public static bool InQuotedTitle(string text, List<WordToken> run)
    {
        var last = run[^1].Text;
        if (last.EndsWith("'s", StringComparison.Ordinal) || last.EndsWith("’s", StringComparison.Ordinal))
        {
            return false;
        }

        var open = OpeningQuote(text, run[0].Start);
        if (open < 0)
        {
            return false;
        }

        var close = ClosingQuote(text, run[^1].End, text[open]);
        if (close < 0)
        {
            return false;
        }

        var words = WordToken.Split(text[(open + 1)..close]);
        return words.Count >= 3 && words.Count > run.Count
            && words.TrueForAll(w => w.IsNumber || w.Text.Length < 4 || char.IsUpper(w.Text[0]));
    }

    /// <summary>
    /// The quote that opens a quotation around <paramref name="start"/>, or -1: of the quotes between the line's start
    /// (at most <see cref="MaxLine"/> characters back) and the run, an odd number of one kind means the last one is
    /// still open ("Mardi Gras" by Bob James *"Blind Alley": the quote before "by Bob James" closes a title).
    /// Apostrophes (a letter on both sides: "Adriel's") are no quotes.
    /// </summary>
    private static int OpeningQuote(string text, int start)
    {
        var from = start;
        while (from > 0 && start - from < MaxLine && text[from - 1] is not ('\n' or '\r'))
        {
            from--;
        }

        int doubleCount = 0, singleCount = 0, lastDouble = -1, lastSingle = -1, lastCurly = -1;
        var curlyOpen = false;
        for (var i = from; i < start; i++)
        {
            switch (text[i])
            {
                case '"':
                    doubleCount++;
                    lastDouble = i;
                    break;
                case '“' or '«':
                    curlyOpen = true;
                    lastCurly = i;
                    break;
                case '”' or '»':
                    curlyOpen = false;
                    break;
                case '\'' or '‘' or '’' when !(char.IsLetter(Boundaries.CharAt(text, i - 1)) && char.IsLetter(Boundaries.CharAt(text, i + 1))):
                    singleCount++;
                    lastSingle = i;
                    break;
            }
        }

        return curlyOpen ? lastCurly : doubleCount % 2 == 1 ? lastDouble : singleCount % 2 == 1 ? lastSingle : -1;
    }

    private static int ClosingQuote(string text, int end, char opening)
    {
        var closing = opening switch { '“' => '”', '«' => '»', '‘' => '’', _ => opening };
        var single = closing is '\'' or '’';
        for (var i = end; i < text.Length && i - end <= MaxQuoted; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                return -1;
            }

            if ((c == closing || (opening == '“' && c == '"') || (single && c is '\'' or '’'))
                && !(c is '\'' or '’' && char.IsLetter(Boundaries.CharAt(text, i - 1)) && char.IsLetter(Boundaries.CharAt(text, i + 1))))
            {
                return i;
            }
        }

        return -1;
    }
}
