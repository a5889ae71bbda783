namespace Orchestrator.Guardian.Pii;

/// <summary>
/// The words around a name that say it is a person: titles, phrases that introduce a name, verbs of
/// speech after it, and the words that say a capitalised word is a place or a label instead.
/// </summary>
internal static class PersonCues
{
    public static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "dame", "lord", "lady", "rev", "sr", "sra", "herr", "frau", "mme", "mlle", "monsieur", "madame", "señor", "señora",
    };

    /// <summary>Phrases after which the next words are a name whatever they look like ("my name is frank", "her maiden name is Key").</summary>
    public static readonly string[] Strong =
    [
        "name is", "name's", "name:", "named", "named him", "named her", "called", "calls me", "call me", "maiden name is", "i'm called", "surname is", "first name is", "last name is",
        "change it to", "correct it to", "dear", "signed", "regards,", "sincerely,", "attn:", "attention:",
    ];

    /// <summary>Words before a run that make a listed or unusual word a person (lower-case, matched at the end of the preceding text).</summary>
    public static readonly string[] Weak =
    [
        "i'm", "i am", "this is", "said", "hi", "hello", "hey", "thanks", "thank you", "attention", "contact", "ask", "told", "tell", "met", "meet", "married", "wife", "husband",
        "son", "daughter", "mother", "father", "brother", "sister", "friend", "colleague", "partner", "patient", "client", "customer", "employee", "manager", "by", "cc:", "to:", "from:",
        "name", "name?", "guardian", "spouse", "boss", "founders:", "founder", "co-founder", "author", "authors:", "members:",
        "songwriter", "singer", "writer", "actor", "actress", "artist", "director", "player", "coach", "teacher", "doctor", "nurse", "lawyer", "officer", "agent", "chef",
    ];

    /// <summary>Words right after a lone capitalised word that make it a person ("Jacob lives on ...", "Gladys said").</summary>
    public static readonly HashSet<string> After = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "told", "asked", "lives", "lived", "wrote", "replied", "works", "worked", "explained", "added", "answered", "thinks", "believes", "smiled", "laughed", "cried",
    };

    /// <summary>Verbs right after a sentence's first word that make a listed first name its subject ("Olga has", "Katrine is").</summary>
    public static readonly HashSet<string> SubjectVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "was", "has", "had", "will", "would", "can", "could", "went", "got", "wants", "wanted", "needs", "needed", "loves", "likes", "thinks", "knows", "called", "sent", "came",
    };

    /// <summary>Words before a capitalised word that make it a place, not a person ("in Berlin", "from Finland").</summary>
    public static readonly HashSet<string> PlacePrepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "at", "near", "from", "via", "across", "around", "outside", "inside", "towards", "into", "visit", "visited", "visiting", "through",
    };

    /// <summary>Words before a capitalised word that make it a thing or an organisation ("the Avalara office", "her Uber account").</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "her", "his", "my", "our", "their", "your", "its", "this", "that", "these", "those", "every", "each", "any", "some",
    };

    /// <summary>Phrases before a run that make it an employer or an organisation ("I work for Datamyne").</summary>
    public static readonly string[] Organisation =
        ["work for", "works for", "worked for", "working for", "work at", "works at", "worked at", "employed by", "employed at", "joined", "join", "shares of", "stock of", "customer of", "client of", "customers of", "clients of", "users of",
         "supplier", "vendor", "retailer", "manufacturer", "airline", "insurer", "carrier", "choosing", "ordered from", "bought from"];

    /// <summary>Words right after a run that make it an organisation or a thing ("Pixia Corp.", "Legistorm office").</summary>
    public static readonly HashSet<string> OrganisationAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "corp", "corporation", "ltd", "llc", "plc", "gmbh", "ag", "sa", "co", "group", "office", "offices", "company", "team", "app", "website", "account", "bank", "university", "foundation", "institute", "resignation",
        "council", "residents", "mayor", "municipality", "citizens", "inhabitants",
    };

    /// <summary>Last words of an organisation's name ("Northwind Labs", "Forrester Research").</summary>
    public static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "labs", "lab", "inc", "corp", "group", "research", "systems", "technologies", "technology", "solutions", "bank", "partners", "consulting", "media", "software", "studio", "studios",
        "capital", "holdings", "foundation", "institute", "university", "college", "hospital", "airlines", "airways", "motors", "foods", "insurance", "pharma", "associates", "ventures",
        "agency", "association", "council", "committee", "society", "club", "press", "news", "times", "journal", "magazine", "records", "entertainment", "pictures", "films",
        "games", "publishing", "network", "networks", "services", "enterprises", "industries", "international", "global", "limited", "company", "corporation", "trust", "fund",
        "ratings", "markets", "exchange", "federation", "union", "party", "ministry", "department", "agencies", "brands", "stores", "restaurant", "hotel", "hotels",
    };

    /// <summary>Last words of a place's name ("Munroe Falls", "Brice Prairie", "Colorado Springs"): plural or no surname, so no person ends with them.</summary>
    public static readonly HashSet<string> PlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "falls", "springs", "heights", "hills", "valley", "beach", "bay", "harbor", "harbour", "creek", "village", "prairie", "city", "township", "county", "junction",
        "crossing", "landing", "lakes", "plains", "meadows", "gardens", "woods", "islands", "mountains", "canyon", "district", "province", "region",
    };

    /// <summary>Words before a colon at the start of a line that label a field, not a speaker.</summary>
    public static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "note", "notes", "answer", "question", "warning", "subject", "date", "time", "address", "phone", "email", "name", "title", "summary", "total", "example", "step", "status",
        "re", "to", "from", "cc", "bcc", "attn", "tip", "hint", "result", "output", "input", "error", "update", "edit", "source", "reference", "price", "cost", "amount",
        "job", "born", "nationality", "occupation", "education", "gender", "language", "languages", "age", "location", "position", "role", "department", "hobbies", "skills",
    };

    /// <summary>True when a cue ends right before <paramref name="start"/>, on the same line, as whole words (a title may carry its dot: "ms.").</summary>
    /// <remarks>
    /// Compares in place, one invariant lower-case character at a time: the address rules ask this for
    /// every word of every answer, and a lowered copy of the text before each word was a measurable share
    /// of a request's allocation (docs/benchmarks.md, perf23). Same result as lowering the trimmed text
    /// first, because invariant lower-casing maps each UTF-16 unit to exactly one.
    /// </remarks>
    public static bool EndsWithCue(string text, int start, ReadOnlySpan<string> cues, int window = 24)
    {
        var from = Math.Max(0, start - window);
        var newline = text.LastIndexOf('\n', Math.Max(0, start - 1), start - from);
        var before = text.AsSpan(Math.Max(from, newline + 1), start - Math.Max(from, newline + 1)).TrimEnd();
        foreach (var cue in cues)
        {
            if (EndsWithLowered(before, cue)
                && (before.Length == cue.Length || !char.IsLetter(char.ToLowerInvariant(before[before.Length - cue.Length - 1]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/>, invariant lower-cased, ends with <paramref name="cue"/> (ordinal).</summary>
    private static bool EndsWithLowered(ReadOnlySpan<char> text, string cue)
    {
        if (cue.Length > text.Length)
        {
            return false;
        }

        var tail = text[^cue.Length..];
        for (var k = cue.Length - 1; k >= 0; k--)
        {
            if (char.ToLowerInvariant(tail[k]) != cue[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A title right before the run, written lower-case or with its dot ("ms. Marcela", "dr Kim").</summary>
    public static bool TitleBefore(string text, int start)
    {
        var word = WordBefore(text, start, out _);
        return word.Length > 0 && Titles.Contains(word.TrimEnd('.'));
    }

    /// <summary>The word before <paramref name="start"/> (skipping spaces), with its trailing dot if any; <paramref name="separator"/> is the last non-space character between.</summary>
    public static string WordBefore(string text, int start, out char separator)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        separator = i >= 0 ? text[i] : '\0';
        var end = i + 1;
        if (i >= 0 && text[i] == '.')
        {
            i--;
        }

        while (i >= 0 && char.IsLetter(text[i]))
        {
            i--;
        }

        return text[(i + 1)..end];
    }
}
