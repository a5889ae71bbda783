namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Person names from runs of capitalised words. Evidence: a listed first name or surname (US Census
/// and SSA lists) that is not also an ordinary word, a title (Mr, Dr), or a cue before the run
/// ("my name is", "Dear", "said"). Lone names need the list and must not start a sentence, where
/// any word is capitalised. Each span carries a confidence from the strength of its evidence.
/// </summary>
internal static class PersonRules
{
    private const int MaxNameTokens = 4;
    private const int CueWindow = 24;

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "dame", "lord", "lady", "rev", "sr", "sra", "herr", "frau", "mme", "mlle", "monsieur", "madame", "señor", "señora",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "ter", "ten", "y",
    };

    /// <summary>Words before a run that introduce a person (lower-case, matched at the end of the preceding text).</summary>
    private static readonly string[] CuesBefore =
    [
        "name is", "name's", "name:", "named", "called", "i'm", "i am", "this is", "said", "dear", "hi", "hello", "hey", "thanks", "thank you",
        "regards,", "sincerely,", "signed", "attn:", "attention", "contact", "ask", "told", "tell", "met", "meet", "married", "wife", "husband", "son", "daughter",
        "mother", "father", "brother", "sister", "friend", "colleague", "partner", "patient", "client", "customer", "employee", "manager", "by", "cc:", "to:", "from:", "name",
        "name?", "named him", "named her", "calls me", "call me", "change it to", "correct it to", "maiden name is", "guardian", "spouse", "boss",
    ];

    private static readonly HashSet<string> PlacePrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "san", "santa", "santo", "são", "los", "las", "el", "la", "new", "north", "south", "east", "west", "saint", "st", "fort", "port", "mount", "lake", "cape", "upper", "lower", "great", "little",
    };

    /// <summary>Words right after a lone capitalised word that make it a person ("Jacob lives on ...", "Gladys said").</summary>
    private static readonly HashSet<string> CuesAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "told", "asked", "lives", "lived", "wrote", "replied", "works", "worked", "explained", "added", "answered", "thinks", "believes", "smiled", "laughed", "cried",
    };

    /// <summary>Capitalised words that are never names themselves, whatever follows.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "hi", "hello", "hey", "dear", "thanks", "name", "my", "your", "his", "her", "our", "their", "the", "a", "an", "and", "or", "but", "if", "when", "what", "who",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "mobile", "phone", "desk", "fax", "email", "address", "date", "team", "all", "everyone", "customer", "support", "user", "admin",
        "street", "avenue", "road", "city", "county", "state", "university", "college", "school", "hospital", "company", "inc", "ltd", "llc", "corp", "bank", "church",
        "north", "south", "east", "west", "new", "saint", "st", "mount", "lake", "river", "island", "park", "fort", "port", "san", "santa", "los", "las", "el", "god", "lord", "jesus",
    };

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        var gazetteer = PiiGazetteer.Shared;
        var i = 0;
        while (i < tokens.Count)
        {
            if (!tokens[i].IsCapitalized || tokens[i].IsNumber)
            {
                i++;
                continue;
            }

            var run = Run(text, tokens, i);
            var next = i + run.Count;
            Evaluate(text, run, gazetteer, found);
            i = Math.Max(next, i + 1);
        }
    }

    /// <summary>Consecutive capitalised words (and name particles between them) separated by one space or an initial's dot.</summary>
    private static List<WordToken> Run(string text, List<WordToken> tokens, int first)
    {
        var run = new List<WordToken> { tokens[first] };
        for (var k = first + 1; k < tokens.Count && run.Count < MaxNameTokens + 2; k++)
        {
            var gap = text.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End);
            var joined = gap is " " || (gap is ". " && (tokens[k - 1].Text.Length == 1 || Titles.Contains(tokens[k - 1].Text)));
            var particle = Particles.Contains(tokens[k].Text) && k + 1 < tokens.Count && tokens[k + 1].IsCapitalized;
            if (!joined || tokens[k].IsNumber || !(tokens[k].IsCapitalized || particle))
            {
                break;
            }

            run.Add(tokens[k]);
            if (tokens[k].Text.EndsWith("'s", StringComparison.Ordinal) || tokens[k].Text.EndsWith("’s", StringComparison.Ordinal))
            {
                break; // "Emmie Ström's Cautionary Tales": the possessive ends the name.
            }
        }

        return run;
    }

    private static void Evaluate(string text, List<WordToken> run, PiiGazetteer gazetteer, List<PiiSpan> found)
    {
        // "San Francisco", "New York", "North Carolina": a place, not a person named Francisco.
        if (run.Count > 1 && PlacePrefixes.Contains(run[0].Text))
        {
            return;
        }

        var titled = false;
        while (run.Count > 0 && (NotNames.Contains(Bare(run[0].Text)) || Titles.Contains(run[0].Text)))
        {
            titled |= Titles.Contains(run[0].Text);
            run.RemoveAt(0);
        }

        // "Call Jennifer Hartley": a sentence's first word is capitalised by position; an ordinary
        // English word there is not part of the name.
        if (run.Count > 1 && SentenceStart(text, run[0].Start) && !gazetteer.IsKnownName(run[0].Text) && !gazetteer.IsUnusualWord(run[0].Text))
        {
            run.RemoveAt(0);
        }

        // OpenAI, ChatGPT, TypeError: camel case is a product or an identifier, not a person.
        if (run.Any(t => CamelCase(t.Text)))
        {
            return;
        }

        while (run.Count > 0 && (NotNames.Contains(Bare(run[^1].Text)) || Particles.Contains(run[^1].Text)))
        {
            run.RemoveAt(run.Count - 1);
        }

        if (run.Count is 0 or > MaxNameTokens)
        {
            return;
        }

        var names = run.Where(t => t.Text.Length > 1 && !Particles.Contains(t.Text)).Select(t => Bare(t.Text)).ToList();
        if (names.Count == 0)
        {
            return;
        }

        var cued = titled || HasCueBefore(text, run[0].Start);
        var first = names[0];
        var last = names[^1];
        var firstKnown = gazetteer.FirstNames.Contains(first) && !gazetteer.NameWords.Contains(first);
        var lastKnown = gazetteer.Surnames.Contains(last);
        var anyKnown = names.Any(n => gazetteer.IsKnownName(n) && !gazetteer.NameWords.Contains(n));

        // A word is name-like when listed as a name or not an English word at all ("Szczepańska").
        var allNameLike = names.TrueForAll(n => (gazetteer.IsKnownName(n) && !gazetteer.NameWords.Contains(n)) || gazetteer.IsUnusualWord(n));
        var hasInitial = run.Count > 2 && run.Skip(1).SkipLast(1).Any(t => t.Text.Length == 1);
        var sentenceStart = SentenceStart(text, run[0].Start);
        double confidence;
        if (names.Count >= 2)
        {
            confidence = firstKnown ? 0.9
                : gazetteer.FirstNames.Contains(first) && lastKnown ? 0.85
                : hasInitial && allNameLike ? 0.8
                : cued ? 0.75
                : allNameLike ? 0.7
                : anyKnown && !sentenceStart ? 0.65
                : 0;
        }
        else
        {
            var known = gazetteer.IsKnownName(first) && !gazetteer.NameWords.Contains(first);
            var nameLike = known || gazetteer.IsUnusualWord(first);
            // A lone surname is too often a place or a word (English, Washington, Lincoln): only a
            // listed first name counts without a cue.
            var firstName = gazetteer.FirstNames.Contains(first) && !gazetteer.NameWords.Contains(first) && !gazetteer.Surnames.Contains(first);
            confidence = known && cued ? 0.8
                : cued && (titled || nameLike) ? 0.7
                : nameLike && (SpeakerLabel(text, run[0]) || CueAfter(text, run[0])) ? 0.7
                : firstName && !sentenceStart ? 0.6
                : 0;
        }

        if (confidence > 0)
        {
            var start = run[0].Start;
            var end = run[^1].Start + Bare(run[^1].Text).Length;
            found.Add(new PiiSpan(PiiType.Person, start, end - start, text[start..end]) { Confidence = confidence });
        }
    }

    /// <summary>An upper-case letter after a lower-case one, except the Mc/Mac/De/La of surnames (McDowell, DeLuca).</summary>
    private static bool CamelCase(string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
            {
                var prefix = word[..i];
                return prefix is not ("Mc" or "Mac" or "De" or "Di" or "Da" or "La" or "Le" or "Van" or "Von" or "Fitz" or "O'") && !word[..i].EndsWith('-');
            }
        }

        return false;
    }

    /// <summary>The word without a possessive 's.</summary>
    private static string Bare(string word) =>
        word.Length > 3 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) ? word[..^2] : word;

    private static bool HasCueBefore(string text, int start)
    {
        var from = Math.Max(0, start - CueWindow);
        var newline = text.LastIndexOf('\n', Math.Max(0, start - 1), start - from);
        var before = text[Math.Max(from, newline + 1)..start].TrimEnd().ToLowerInvariant();
        foreach (var cue in CuesBefore)
        {
            if (before.EndsWith(cue, StringComparison.Ordinal)
                && (before.Length == cue.Length || !char.IsLetter(before[before.Length - cue.Length - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True at the start of the text, a line or a sentence, where every word is capitalised.</summary>
    private static bool SentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '"' or '\'' or '“' or '(' or '*' or '-')
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or '\r';
    }

    /// <summary>"Nicole: Remember me" — a name at the start of a line, followed by a colon.</summary>
    private static bool SpeakerLabel(string text, WordToken word) =>
        Boundaries.CharAt(text, word.End) == ':' && (word.Start == 0 || text[word.Start - 1] == '\n');

    private static bool CueAfter(string text, WordToken word)
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

        return CuesAfter.Contains(text[(i + 1)..end]);
    }
}
