namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Capitalised runs that name a thing after a person or a place: a venue or an event ("Stanley Cup",
/// "Victoria Station", "Madison Square Garden", "Boston Marathon"), a holiday ("Christmas Eve"), or a
/// team ("Oakland Raiders", "Denver Broncos"). The first word may be a listed first name, so the usual
/// "a listed first name outweighs an organisation word" exception does not hold here: no person's
/// surname is "Cup" or "Station". Only a title before the run (checked by the caller) keeps it a person.
/// </summary>
internal static class ThingNames
{
    /// <summary>Last words of venues, buildings, routes, events and awards that are no surname in the name lists.</summary>
    private static readonly HashSet<string> VenueWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "stadium", "arena", "museum", "theater", "theatre", "library", "station", "airport", "terminal", "cup", "prize", "award", "awards", "marathon",
        "memorial", "monument", "center", "centre", "bridge", "tower", "towers", "garden", "cathedral", "basilica", "palace", "tunnel", "highway",
        "motorway", "expressway", "freeway", "route", "mall", "plaza", "trophy", "festival", "championship", "championships", "tournament",
        "racing", "raceway", "speedway", "gallery", "cemetery", "observatory", "aquarium", "zoo", "campus", "clinic", "syndrome", "disease",
        "act", "report", "treaty", "bicentenary", "centenary", "anniversary", "diagnostics",
    };

    /// <summary>"london heathrow airport": a word that ends the name of a venue, a route or an event.</summary>
    public static bool IsVenueWord(string word) => VenueWords.Contains(word);

    /// <summary>Holidays: a run that holds one is a date, not a person ("Christmas Eve", "Easter Monday").</summary>
    private static readonly HashSet<string> Holidays = new(StringComparer.OrdinalIgnoreCase)
    {
        "christmas", "easter", "thanksgiving", "halloween", "hanukkah", "ramadan", "diwali", "passover", "pentecost", "whitsun", "xmas", "kippur", "purim", "hashanah",
    };

    /// <summary>
    /// "Ballerup Beton", "Lyngby Lys", "Ribe Robotteknologi": a run of two or three words that opens with a place
    /// that is on no name list (so not "Paris", "Sydney" or "Milan") names a firm or a landmark of that place.
    /// </summary>
    public static bool OpensWithPlace(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count is < 2 or > 3)
        {
            return false;
        }

        var first = NameShapes.Bare(run[0].Text);
        return first.Length >= 3 && gazetteer.IsPlaceNotName(first) && !gazetteer.PeopleNames.Contains(first);
    }

    /// <summary>True when the run names a venue, an event, a holiday or a team rather than a person.</summary>
    public static bool IsThing(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Exists(t => Holidays.Contains(t.Text)))
        {
            return true;
        }

        if (run.Count < 2)
        {
            return false;
        }

        var last = run[^1].Text;
        return VenueWords.Contains(last) || IsTeam(run, last, gazetteer) || EndsInRoleOrKind(NameShapes.Bare(last), gazetteer)
            || EndsInStreetType(NameShapes.Bare(run[0].Text), NameShapes.Bare(last), gazetteer) || BrandAndModel(run, gazetteer);
    }

    /// <summary>
    /// "Customer Mobility Developer", "Norfolk Terrier": a job title or a breed ends in a noun that is no one's name on the
    /// SSA or Census lists (so "Baker", "Carpenter" or "Driver", which are, never count here).
    /// </summary>
    private static bool EndsInRoleOrKind(string last, PiiGazetteer gazetteer) =>
        (JobWords.Contains(last) || BreedWords.Contains(last)) && !gazetteer.IsKnownName(last);

    private static readonly HashSet<string> JobWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "developer", "developers", "engineer", "engineers", "manager", "managers", "coordinator", "specialist", "specialists", "officer", "assistant",
        "consultant", "consultants", "analyst", "analysts", "designer", "director", "administrator", "representative", "executive", "supervisor",
        "strategist", "technician", "planner", "liaison", "facilitator", "associate", "architect", "producer", "agent", "accountant", "attendant",
        "operator", "inspector", "instructor", "editor", "writer", "librarian", "controller", "technologist", "scientist", "programmer",
        "receptionist", "cashier", "therapist", "clerk", "orchestrator", "advisor", "adviser", "auditor", "recruiter", "trainer", "officers",
    };

    private static readonly HashSet<string> BreedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "terrier", "spaniel", "hound", "retriever", "setter", "pointer", "collie", "poodle", "mastiff", "bulldog", "sheepdog", "schnauzer",
        "pinscher", "spitz", "griffon", "corgi", "dachshund", "beagle", "greyhound", "wolfhound", "bloodhound", "foxhound", "deerhound", "elkhound",
    };

    /// <summary>
    /// "Nara Terrace", "Kuhn Parkways": a run that ends in a USPS street type (the whole word, four letters or more) is a
    /// street, not a person, unless that word is a listed first name or surname ("Park", "Hill", "Lane", "Wells"), a first
    /// name on the wider lists ("Dale", "Glen"), or a surname on the wider lists after a first word that is a name too
    /// ("Oliver Lodge", "Daryl Shore"), or the run opens with an SSA first name ("Terry Hills").
    /// </summary>
    private static bool EndsInStreetType(string first, string last, PiiGazetteer gazetteer) =>
        last.Length >= 4 && gazetteer.StreetSuffixes.Contains(last) && !gazetteer.IsKnownName(last) && !StreetTypeNames.Contains(last)
        && !gazetteer.FirstNames.Contains(first)
        && !(gazetteer.PeopleNames.Contains(last) && (gazetteer.IsKnownName(first) || gazetteer.PeopleNames.Contains(first)));

    private static readonly HashSet<string> StreetTypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "dale", "glen", "glenn", "forest", "brook", "crest", "vista", "summit", "union", "haven", "mission", "burg", "ville", "well", "land", "light",
    };

    /// <summary>
    /// "Honda Civic", "Philips Hue", "Nissan Land Cruiser": a brand on the companies list that is no SSA first name or
    /// Census surname, followed by a model that is an English word and no listed name. The companies list holds many
    /// people's names ("Dwight", "Hong", "Cheng"), so a second word that is no English word keeps the run a person
    /// ("Dwight Hafeli", "Hong Gil-dong"), and so does a listed surname ("Dwight Young").
    /// </summary>
    private static bool BrandAndModel(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count is < 2 or > 3)
        {
            return false;
        }

        var second = NameShapes.Bare(run[1].Text);
        return CompanyNames.IsCompanyNotName(gazetteer, NameShapes.Bare(run[0].Text))
            && gazetteer.EnglishWords.Contains(second) && !gazetteer.IsKnownName(second);
    }

    /// <summary>
    /// "Tetela de Ocampo is known for its old bridge", "Nordfyn Maskiner raised its prices": a run that the next
    /// few words refer back to with "its" (and no noun phrase of its own comes first) is a place or a firm.
    /// </summary>
    public static bool ItsAfter(string text, int end)
    {
        var i = end;
        for (var words = 0; words < 5 && i < text.Length; words++)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var from = i;
            while (i < text.Length && i - from < 20 && char.IsLetter(text[i]))
            {
                i++;
            }

            var word = text[from..i];
            if (word.Length == 0 || PersonCues.Determiners.Contains(word) && !word.Equals("its", StringComparison.OrdinalIgnoreCase) || People.Contains(word))
            {
                return false;
            }

            if (word.Equals("its", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Lawrence, KS", "Jackson, MS": a run followed by a comma and a US state's postal code is a town. MD, PA and
    /// DO are left out: after a name they are degrees ("Anna Berg, MD").
    /// </summary>
    public static bool StateAfterComma(string text, int end) =>
        Boundaries.CharAt(text, end) == ',' && Boundaries.CharAt(text, end + 1) == ' '
        && end + 4 <= text.Length && !char.IsLetterOrDigit(Boundaries.CharAt(text, end + 4))
        && StateCodes.Contains(text.Substring(end + 2, 2));

    private static readonly HashSet<string> StateCodes = new(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MA", "MI", "MN", "MS", "MO", "MT",
        "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
    };

    private static readonly HashSet<string> People = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "him", "they", "them", "who", "and" };

    /// <summary>
    /// "Oakland Raiders", "Manchester Wolves": a common noun in the plural after a place or an English word that is
    /// no name. A surname that is a plural word ("Powers", "Banks") is on the surname list, and a listed
    /// first name before it ("Steve Jobs") keeps the run a person.
    /// </summary>
    private static bool IsTeam(List<WordToken> run, string last, PiiGazetteer gazetteer)
    {
        if (last.Length < 4 || !last.EndsWith('s') || gazetteer.IsKnownName(last) || gazetteer.PeopleNames.Contains(last))
        {
            return false;
        }

        var singular = last[..^1];
        var plural = gazetteer.EnglishWords.Contains(singular) || (last.EndsWith("ves", StringComparison.OrdinalIgnoreCase) && gazetteer.EnglishWords.Contains(last[..^3] + "f"));
        var first = NameShapes.Bare(run[0].Text);
        // The first word is a place or a plain English word, not a name ("Jildau S Bouts" keeps its surname).
        return plural && (gazetteer.Places.Contains(first)
            || (gazetteer.EnglishWords.Contains(first) && !gazetteer.FirstNames.Contains(first) && !gazetteer.PeopleNames.Contains(first)));
    }
}
