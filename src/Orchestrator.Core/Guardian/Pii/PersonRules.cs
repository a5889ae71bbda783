namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Person names from runs of capitalised words. Evidence: a listed name (US Census and SSA lists,
/// cspell's international people names) that is not also an ordinary word, a word that is in no
/// dictionary at all, a title (Mr, Dr, "ms."), a cue before the run ("my name is", "Dear", "said"),
/// a verb of speech after it, a speaker label ("Nicole:") or a vocative (", Kelly?"). A lone name
/// at the start of a sentence, where any word is capitalised, needs a cue; so does one after a place
/// preposition ("in Berlin"). Lower-case names (<see cref="LowercaseNames"/>) and the other members
/// of a list that holds a name (<see cref="NameLists"/>) are found after the runs. Each span carries
/// a confidence from the strength of its evidence.
/// </summary>
internal static class PersonRules
{
    private const int MaxNameTokens = 4;

    internal static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "ter", "ten", "y", "los", "las",
    };

    private static readonly HashSet<string> PlacePrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "san", "santa", "santo", "são", "los", "las", "el", "la", "new", "north", "south", "east", "west", "saint", "st", "fort", "port", "mount", "lake", "cape", "upper", "lower", "great", "little", "greater", "puerto",
    };

    /// <summary>Cues after which any capitalised word is a name ("her maiden name is Key", "she named him Frank").</summary>
    private static readonly string[] NameIs =
        ["name is", "name's", "maiden name is", "surname is", "first name is", "last name is", "named", "named him", "named her", "calls me", "call me"];

    /// <summary>Prepositions before a place and hardly ever before a person ("in", "through"; not "from", as in "verses from Faina D. Yefremova").</summary>
    private static readonly HashSet<string> StrictPlacePrepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "near", "through", "across", "around", "outside", "inside", "into", "towards",
    };

    /// <summary>Phrases of travel and origin after which a run is a place ("moving to Castiglione del Lago", "flights from Hvide Sande").</summary>
    private static readonly string[] PlaceCues =
    [
        "moving to", "moved to", "move to", "relocated to", "relocating to", "travel to", "travelled to", "traveled to", "trip to", "flight to", "flights to", "flight from",
        "flights from", "heading to", "headed to", "train to", "train from", "bus to", "drive to", "drove to", "fly to", "flew to", "welcome to", "grew up in", "born in", "road to", "way to",
        "live in", "lives in", "living in", "lived in", "based in", "located in", "city is", "town is", "city of", "town of", "village of", "hometown is",
    ];

    /// <summary>Last words of places and institutions that are on no name list (not "Park", "Church" or "Bank": surnames).</summary>
    private static readonly HashSet<string> PlaceEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "county", "city", "state", "street", "avenue", "road", "university", "college", "school", "hospital", "company", "inc", "ltd", "llc", "corp",
        "district", "subdistrict", "province", "prefecture", "municipality", "region", "oblast", "township", "borough",
    };

    /// <summary>Place words among <see cref="NotNames"/> that are Census surnames too.</summary>
    private static readonly HashSet<string> SurnamePlaceWords = new(StringComparer.OrdinalIgnoreCase) { "park", "church", "west" };

    /// <summary>Capitalised words that are never names themselves, whatever follows.</summary>
    internal static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "hi", "hello", "hey", "dear", "thanks", "name", "my", "your", "his", "her", "our", "their", "the", "a", "an", "and", "or", "but", "if", "when", "what", "who",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "mobile", "phone", "desk", "fax", "email", "address", "date", "team", "all", "everyone", "customer", "support", "user", "admin",
        "street", "avenue", "road", "city", "county", "state", "university", "college", "school", "hospital", "company", "inc", "ltd", "llc", "corp", "bank", "church",
        "north", "south", "east", "west", "new", "saint", "st", "mount", "lake", "river", "island", "park", "fort", "port", "san", "santa", "los", "las", "el", "god", "lord", "jesus",
        "i'm", "i'd", "i'll", "i've", "ive", "im", "ill", "youre", "dont", "cant", "wont", "didnt", "isnt", "ok", "okay", "yes", "no", "please", "sorry", "why", "how", "where", "which", "is", "are", "was", "can", "could", "would", "should", "will", "do", "does", "did",
    };

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        var gazetteer = PiiGazetteer.Shared;
        var people = new List<PiiSpan>();
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
            Evaluate(text, run, gazetteer, people);
            i = Math.Max(next, i + 1);
        }

        LowercaseNames.Collect(text, tokens, gazetteer, people);
        NameLists.Collect(text, tokens, people);
        OrganisationNames.RemoveFrom(text, tokens, gazetteer, people);
        EmailNames.Collect(text, tokens, people);
        NameMentions.Collect(text, tokens, gazetteer, people);
        found.AddRange(people);
    }

    /// <summary>Consecutive capitalised words (and name particles between them) separated by spaces on one line or an initial's dot.</summary>
    internal static List<WordToken> Run(string text, List<WordToken> tokens, int first)
    {
        var run = new List<WordToken> { tokens[first] };
        if (Possessive(tokens[first].Text))
        {
            return run; // "Murphy's Law", "Alice's Adventures": the possessive ends the name, the first word too.
        }

        for (var k = first + 1; k < tokens.Count && run.Count < MaxNameTokens + 2; k++)
        {
            var gap = text.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End);
            var joined = (gap.Length is > 0 and <= 3 && !gap.ContainsAnyExcept(' '))
                || (gap is ". " && (tokens[k - 1].Text.Length == 1 || PersonCues.Titles.Contains(tokens[k - 1].Text)));
            var particle = Particles.Contains(tokens[k].Text) && k + 1 < tokens.Count
                && (tokens[k + 1].IsCapitalized || (Particles.Contains(tokens[k + 1].Text) && k + 2 < tokens.Count && tokens[k + 2].IsCapitalized));
            if (!joined || tokens[k].IsNumber || !(tokens[k].IsCapitalized || particle))
            {
                break;
            }

            run.Add(tokens[k]);
            if (Possessive(tokens[k].Text))
            {
                break; // "Emmie Ström's Cautionary Tales": the possessive ends the name.
            }
        }

        return run;
    }

    /// <summary>"welcome to Anna Berg", "the way to Anna": phrases of travel that also lead to people.</summary>
    private static bool TravelWelcome(string text, int start) => PersonCues.EndsWithCue(text, start, TravelToPeople);

    private static readonly string[] TravelToPeople = ["welcome to", "way to", "road to"];

    /// <summary>Roles, ranks and occasions that precede a name in capitals but are never one ("Teacher", "Senator", "Birthday").</summary>
    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "teacher", "parent", "student", "customer", "client", "patient", "manager", "director", "president", "minister", "senator", "governor", "chairman",
        "chairwoman", "ceo", "cfo", "cto", "colonel", "captain", "sergeant", "lieutenant", "commander", "officer", "coach", "judge", "bishop", "pope",
        "parliament", "member", "chancellor", "secretary", "ambassador", "councillor", "councilor", "chevalier", "count", "countess", "duke", "duchess",
        "birthday", "congratulations", "welcome", "happy", "tropical", "storm", "hurricane", "typhoon", "cyclone", "service", "contact",
        "general", "admiral", "brigadier", "corporal", "marshal", "mayor", "premier",
    };

    /// <summary>
    /// The index of the last role word among the run's first three words, leaving at least one word after it, when
    /// the words before it are on no name list ("Chilean", "Vice"; not "Smith Bishop Jones") and the run is no longer
    /// than a role and a name (a longer run of capitalised words is a heading or a list, and stays out); or -1.
    /// </summary>
    private static int LastRoleWord(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count > MaxNameTokens + 1)
        {
            return -1;
        }

        for (var r = Math.Min(run.Count - 2, 2); r >= 1; r--)
        {
            if (IsRoleWord(NameShapes.Bare(run[r].Text)))
            {
                return run.Take(r).All(t => !gazetteer.IsKnownName(NameShapes.Bare(t.Text)) && !gazetteer.PeopleNames.Contains(NameShapes.Bare(t.Text))) ? r : -1;
            }
        }

        return -1;
    }

    /// <summary>A role word, its plural ("Presidents") or a hyphened role ("Lieutenant-Governor", "Vice-President").</summary>
    private static bool IsRoleWord(string word)
    {
        var last = word.LastIndexOf('-') is var dash and > 0 ? word[(dash + 1)..] : word;
        return RoleWords.Contains(last) || (last.Length > 4 && last.EndsWith('s') && RoleWords.Contains(last[..^1]));
    }

    private static bool Possessive(string word) => word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal);

    private static void Evaluate(string text, List<WordToken> run, PiiGazetteer gazetteer, List<PiiSpan> found)
    {
        // "Tucker Fredricks  United States": a table's next cell joined by a wide gap; "St. Louis Rams": a saint's place.
        WideGaps.CutAtWideGap(text, run, gazetteer);
        if (WideGaps.SaintBefore(text, run[0].Start))
        {
            return;
        }

        // "San Francisco", "New York", "North Carolina": a place, not a person named Francisco.
        if (run.Count > 1 && PlacePrefixes.Contains(run[0].Text))
        {
            return;
        }

        var titled = PersonCues.TitleBefore(text, run[0].Start) || PolishTitle.Before(text, run);
        if (PolishTitle.Opens(run, gazetteer))
        {
            titled = true;
            run.RemoveAt(0);
        }

        while (run.Count > 0 && (NotNames.Contains(NameShapes.Bare(run[0].Text)) || PersonCues.Titles.Contains(run[0].Text)))
        {
            titled |= PersonCues.Titles.Contains(run[0].Text);
            run.RemoveAt(0);
            // "Is West Virginia", "Can Upper Okuneva": a sentence's first word taken into the run hid the place prefix.
            if (!titled && run.Count > 1 && PlacePrefixes.Contains(run[0].Text))
            {
                return;
            }
        }

        // "Lincoln County", "Jackson Street", "Madison University": a run that ends in a word for a place or an
        // institution names that place, not a person called Lincoln (the trim below would keep "Lincoln").
        if (!titled && run.Count > 1 && PlaceEnds.Contains(NameShapes.Bare(run[^1].Text)))
        {
            return;
        }

        // "Stanley Cup", "Victoria Station", "Christmas Eve", "Oakland Raiders": a thing named after a person or a place.
        // "Contrada Morandi", "Air India", "rynek Skiba", "Mníšek pod Brdy", "Ferrari Jetta": a street, a venue, an airline,
        // a town or a car named the way other languages (or car makers) name them.
        if (run.Count > 0 && !titled && (ThingOpeners.IsThing(run, gazetteer) || ThingOpeners.StreetWordBefore(text, run[0].Start) || ThingOpeners.TownConnectorAfter(text, run[^1].End)
            || ThingOpeners.DateAbbreviation(text, run)))
        {
            return;
        }

        if (run.Count > 0 && !titled && (ThingNames.IsThing(run, gazetteer) || ThingNames.ItsAfter(text, run[^1].End) || ThingNames.OpensWithPlace(run, gazetteer)
            || PlacesAsNames.NationalityAndNoun(run, gazetteer)))
        {
            return;
        }

        // "Call Jennifer Hartley": a sentence's first word is capitalised by position; an ordinary
        // English word there is not part of the name.
        if (run.Count > 1 && !titled && PersonContext.SentenceStart(text, run[0].Start) && !NameShapes.NameLike(gazetteer, NameShapes.Bare(run[0].Text), loose: true)
            && !FirstNameBeforeSurname(run, gazetteer))
        {
            run.RemoveAt(0);
        }

        // "Teacher Oliver Malachi", "Member of Parliament Jayant Sinha", "Happy Birthday Sarah": a role or an occasion
        // written in capitals before a name is no part of it; what is left after it must still look like a name
        // ("Contact Customer Service" leaves "Service", an ordinary word).
        var roleTrimmed = false;
        while (run.Count > 1 && IsRoleWord(NameShapes.Bare(run[0].Text)))
        {
            run.RemoveAt(0);
            roleTrimmed = true;
        }

        // "Chilean President Sebastián Piñera", "Mexican Presidents Felipe Calderón", "Lieutenant-Governor David Collins":
        // a role after a word or two (a nationality, a rank) ends the words before the name; the last word is never cut.
        var roleAt = LastRoleWord(run, gazetteer);
        if (roleAt >= 0)
        {
            run.RemoveRange(0, roleAt + 1);
            roleTrimmed = true;
        }

        if (roleTrimmed && run.Count == 1 && gazetteer.EnglishWords.Contains(NameShapes.Bare(run[0].Text)) && !gazetteer.FirstNames.Contains(NameShapes.Bare(run[0].Text)))
        {
            return;
        }

        // OpenAI, ChatGPT, TypeError: camel case is a product or an identifier, not a person; so is
        // an acronym's plural (ATMs, IDEs).
        if (run.Any(t => NameShapes.CamelCase(t.Text) || NameShapes.Acronym(t.Text)))
        {
            return;
        }

        // "David Farrington Park", "Purtell Park", "Emily Park": a last word that is both a place word and a surname leaves
        // either a park named after someone or a person called Park; the trim below would keep a part of the run as the
        // name in both cases. An SSA first name and that word is the person's whole name; anything else is no person.
        var keepLast = false;
        if (!titled && run.Count > 1 && SurnamePlaceWords.Contains(NameShapes.Bare(run[^1].Text)))
        {
            if (run.Count != 2 || !gazetteer.FirstNames.Contains(NameShapes.Bare(run[0].Text)) || WordNames.Contains(NameShapes.Bare(run[0].Text)))
            {
                return;
            }

            keepLast = true;
        }

        while (!keepLast && run.Count > 0 && (NotNames.Contains(NameShapes.Bare(run[^1].Text)) || Particles.Contains(run[^1].Text)))
        {
            run.RemoveAt(run.Count - 1);
        }

        // Particles do not count towards the length: "María de los Ángeles Quintana Apodaca" has four names.
        if (run.Count == 0 || run.Count(t => !Particles.Contains(t.Text)) > MaxNameTokens)
        {
            return;
        }

        var names = run.Where(t => t.Text.Length > 1 && !Particles.Contains(t.Text)).Select(t => NameShapes.Bare(t.Text)).ToList();
        if (names.Count == 0)
        {
            return;
        }

        // A place preposition says little before a run of name words ("verses from Faina D. Yefremova").
        var strongName = names.Count >= 2 && names.TrueForAll(n => NameShapes.NameLike(gazetteer, n, loose: true));
        // "moving to Castiglione del Lago", "grew up in Fara Vicentino": after a preposition that only
        // places take, a run of name words is a place unless it starts with a listed first name.
        var placeOnly = (StrictPlacePrepositions.Contains(PersonCues.WordBefore(text, run[0].Start, out _)) || PersonCues.EndsWithCue(text, run[0].Start, PlaceCues))
            && !gazetteer.FirstNames.Contains(names[0]);

        // After a phrase of travel or birth ("train to Santiago", "moving to Gabriel do Norte") even a first name opens a
        // place, unless the run ends in a possessive ("on my way to Anna's") or the phrase also greets people ("welcome to").
        if (!titled && PersonCues.EndsWithCue(text, run[0].Start, PlaceCues) && !TravelWelcome(text, run[0].Start) && !Possessive(run[^1].Text))
        {
            return;
        }

        if (!titled && (PersonContext.NotAPersonHere(text, run, placePrepositionsCount: !strongName || placeOnly) || (placeOnly && PersonCues.EndsWithCue(text, run[0].Start, PlaceCues))) && !(names.Count >= 2 && gazetteer.FirstNames.Contains(names[0]) && !gazetteer.NameWords.Contains(names[0])))
        {
            return;
        }

        // "Spain", "Hong Kong", "Ontario": a place by name, unless a title or "my name is" says otherwise.
        var start0 = run[0].Start;
        var phrase = text[start0..(run[^1].Start + NameShapes.Bare(run[^1].Text).Length)];
        if (!titled && (gazetteer.IsPlaceNotName(phrase) || PlaceAfterComma(text, run[^1].End, gazetteer) || ThingNames.StateAfterComma(text, run[^1].End)) && !PersonCues.EndsWithCue(text, start0, NameIs))
        {
            return;
        }

        // "Delhi, India", "from New York to Boston", "London time": a place that is a first name too, where nothing says person.
        // "a poem named Hayalet Sevgilim", "Legend of Zelda: Breath of the Wild": a thing's name, a work's title.
        if (!titled && (NamedThings.ThingNamedBefore(text, start0) || NamedThings.InQuotedTitle(text, run)))
        {
            return;
        }

        // "Hackerman:", "'Hardshrink', 'Hardtanh'", "the song 'Cha Cha Cha'", "Joules per Kelvin", "the Darwin model".
        if (!titled && EverydayThings.IsThingHere(text, run, names, gazetteer) && !PersonCues.EndsWithCue(text, start0, NameIs))
        {
            return;
        }

        if (!titled && run.Count == 1 && PlacesAsNames.IsPlaceHere(text, run[0], names[0], gazetteer, PersonContext.Vocative(text, run[0]))
            && !PersonCues.EndsWithCue(text, start0, PersonCues.Strong) && !PersonContext.SpeakerLabel(text, run[0]))
        {
            return;
        }

        var confidence = names.Count >= 2 ? MultiWord(text, run, names, gazetteer, titled) : SingleWord(text, run[0], names[0], gazetteer, titled);
        if (confidence > 0)
        {
            var start = run[0].Start;
            var end = LowercaseSurnameAfterParticle(text, run, gazetteer) ?? run[^1].Start + NameShapes.Bare(run[^1].Text).Length;
            found.Add(new PiiSpan(PiiType.Person, start, end - start, text[start..end]) { Confidence = confidence });
        }
    }

    /// <summary>
    /// "Aleth Da silva", "Joëlle Le gall": a name that ends in a capitalised particle goes on over the
    /// lower-case surname after it, when that word is a listed name or surname or in no dictionary; the end of the
    /// extended span, or null.
    /// </summary>
    private static int? LowercaseSurnameAfterParticle(string text, List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count < 2 || !CapitalisedParticles.Contains(run[^1].Text) || Boundaries.CharAt(text, run[^1].End) != ' ')
        {
            return null;
        }

        var start = run[^1].End + 1;
        var end = start;
        while (end < text.Length && end - start < 30 && char.IsLetter(text[end]))
        {
            end++;
        }

        var word = text[start..end];
        // A listed surname counts even when it is a word too ("gall"); "about" is neither.
        return word.Length >= 3 && char.IsLower(word[0]) && !NotNames.Contains(word)
            && (gazetteer.IsPlainName(word) || gazetteer.IsUnusualWord(word) || gazetteer.Surnames.Contains(word)) ? end : null;
    }

    private static readonly HashSet<string> CapitalisedParticles = new(StringComparer.Ordinal)
    {
        "Da", "De", "Di", "Do", "Dos", "Das", "Du", "Del", "Della", "Le", "La", "Van", "Von", "Der", "Den", "Ter", "Ten",
    };

    /// <summary>
    /// "Maria Laursen called", "Max Svensson replied": a listed first name that is also an English word
    /// ("maria", "max") opens the name when the next word is a surname or in no dictionary, not a verb or
    /// an ordinary word ("Will Jennifer come" keeps its modal out by <see cref="WordNames"/>).
    /// </summary>
    private static bool FirstNameBeforeSurname(List<WordToken> run, PiiGazetteer gazetteer)
    {
        var first = NameShapes.Bare(run[0].Text);
        var second = NameShapes.Bare(run[1].Text);
        return gazetteer.FirstNames.Contains(first) && !WordNames.Contains(first) && !NotNames.Contains(first) && first.Length >= 3
            && !Particles.Contains(second) && NameShapes.NameLike(gazetteer, second, loose: false) && !gazetteer.EnglishWords.Contains(second);
    }

    private static double MultiWord(string text, List<WordToken> run, List<string> names, PiiGazetteer gazetteer, bool titled)
    {
        var cued = titled || PersonCues.EndsWithCue(text, run[0].Start, PersonCues.Strong) || PersonCues.EndsWithCue(text, run[0].Start, PersonCues.Weak);
        var first = names[0];
        var last = names[^1];
        var firstKnown = gazetteer.FirstNames.Contains(first) && !gazetteer.NameWords.Contains(first);
        var firstListed = gazetteer.FirstNames.Contains(first) || gazetteer.IsPlainName(first);
        var lastKnown = gazetteer.Surnames.Contains(last) || gazetteer.IsPlainName(last);
        var anyKnown = names.Any(gazetteer.IsPlainName);

        // A word is name-like when listed as a name or not an English word at all ("Szczepańska").
        var allNameLike = names.TrueForAll(n => NameShapes.NameLike(gazetteer, n, loose: false));
        var allLoose = names.TrueForAll(n => NameShapes.NameLike(gazetteer, n, loose: true));
        var hasInitial = run.Count > 2 && run.Skip(1).SkipLast(1).Any(t => t.Text.Length == 1);
        var sentenceStart = PersonContext.SentenceStart(text, run[0].Start);
        return firstKnown ? 0.9
            : firstListed && lastKnown ? 0.85
            : hasInitial && allLoose ? 0.8
            : cued ? 0.75
            : allNameLike ? 0.7
            : DutchParticle(run) && names.Exists(n => NameShapes.NameLike(gazetteer, n, loose: true)) ? 0.7
            : allLoose && PersonContext.FillsLine(text, run) ? 0.7
            : anyKnown && !sentenceStart ? 0.65
            : 0;
    }

    /// <summary>
    /// "Eray van der Berg", "Kick van den Velde": a lower-case "van", "von", "ter" or "ten" between capitalised words
    /// joins a family name, whose words may be English words too ("Berg", "Kick"). Places that hold such a particle
    /// ("Alphen aan den Rijn") do not put it between two capitalised words of one run.
    /// </summary>
    private static bool DutchParticle(List<WordToken> run) =>
        run.Count >= 3 && run.Skip(1).SkipLast(1).Any(t => t.Text is "van" or "von" or "ter" or "ten");

    /// <summary>"Zalakaros, Hungary", "Voormezele, Belgium": a run followed by a comma and a place is a locality.</summary>
    private static bool PlaceAfterComma(string text, int end, PiiGazetteer gazetteer)
    {
        if (Boundaries.CharAt(text, end) != ',' || Boundaries.CharAt(text, end + 1) != ' ')
        {
            return false;
        }

        var i = end + 2;
        while (i < text.Length && i - end < 40 && (char.IsLetter(text[i]) || (text[i] == ' ' && i + 1 < text.Length && char.IsUpper(text[i + 1]))))
        {
            i++;
        }

        var place = text[(end + 2)..i];
        return place.Length > 2 && char.IsUpper(place[0]) && gazetteer.IsPlaceNotName(place);
    }

    /// <summary>
    /// "we talked about John", "ask Derrick": a US first name that is also a word ("john", "derrick")
    /// is a person when it is capitalised alone between lower-case words, in running text (not a
    /// title-case heading) and after no determiner.
    /// </summary>
    private static bool FirstNameMidSentence(string text, WordToken token, string word, PiiGazetteer gazetteer) =>
        gazetteer.FirstNames.Contains(word) && !WordNames.Contains(word) && word.Length >= 3
        && !PersonCues.Determiners.Contains(PersonCues.WordBefore(text, token.Start, out var separator)) && separator is not ('-' or '/' or '&')
        && char.IsLower(Boundaries.CharAt(text, SkipSpaces(text, token.End) is var next && next < text.Length && char.IsLetter(text[next]) ? next : token.End + 1) is var c && char.IsLetter(c) ? c : 'a');

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>First names that are capitalised mid-sentence for other reasons (months, modal verbs, virtues, faiths).</summary>
    private static readonly HashSet<string> WordNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "may", "june", "april", "august", "christian", "bill", "grace", "hope", "faith", "joy", "chase", "art", "rich", "guy", "sky", "summer", "winter", "autumn", "dawn",
        "king", "prince", "princess", "major", "miles", "page", "rose", "lily", "iris", "ivy", "jade", "ruby", "pearl", "amber", "crystal", "river", "stone", "ford", "royal", "legend",
        "angel", "diamond", "clay", "lane", "dean", "paisley", "unique", "genesis", "trinity", "messiah", "justice", "liberty", "harmony", "melody", "serenity", "journey", "paris", "london", "dallas", "phoenix", "jordan", "israel", "india", "china",
        "german", "georgia", "carolina", "victoria",
    };

    private static double SingleWord(string text, WordToken token, string word, PiiGazetteer gazetteer, bool titled)
    {
        var listed = gazetteer.IsKnownName(word) || gazetteer.PeopleNames.Contains(word);
        var nameLike = listed && !gazetteer.NameWords.Contains(word) && !gazetteer.EnglishWords.Contains(word) || gazetteer.IsUnusualWord(word) || gazetteer.PeopleNames.Contains(word) && gazetteer.ProperNouns.Contains(word);
        var sentenceStart = PersonContext.SentenceStart(text, token.Start);
        var afterPlaceWord = PersonCues.PlacePrepositions.Contains(PersonCues.WordBefore(text, token.Start, out _));
        if (PersonCues.EndsWithCue(text, token.Start, NameIs))
        {
            return 0.85;
        }

        var cued = titled || PersonCues.EndsWithCue(text, token.Start, PersonCues.Strong) || PersonCues.EndsWithCue(text, token.Start, PersonCues.Weak);
        return cued && (listed || nameLike) ? 0.8
            : cued && titled ? 0.7
            : nameLike && (PersonContext.SpeakerLabel(text, token) || PersonContext.CueAfter(text, token)) ? 0.7
            : gazetteer.FirstNames.Contains(word) && PersonContext.SpeakerLabel(text, token) && !PersonCues.Labels.Contains(word) ? 0.65
            : (listed || nameLike) && PersonContext.Vocative(text, token) ? 0.65
            : !sentenceStart && !afterPlaceWord && gazetteer.IsPlainNameNotPlace(word) && (gazetteer.FirstNames.Contains(word) || !gazetteer.Surnames.Contains(word)) ? 0.6
            : gazetteer.IsPlainNameNotPlace(word) && !gazetteer.Surnames.Contains(word) && PersonContext.VerbAfter(text, token) ? 0.6
            : !sentenceStart && !afterPlaceWord && gazetteer.IsUnusualWord(word) && NameShapes.SurnameShape(word) ? 0.55
            : !sentenceStart && !afterPlaceWord && FirstNameMidSentence(text, token, word, gazetteer) ? 0.55
            : 0;
    }
}
