namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Things and places that other languages name with the kind first ("Contrada Morandi", "Estadio Municipal",
/// "Air India", "rynek Skiba"), with a compound street word ("Övre Stationsgatan"), with a connector to a river or a
/// region after the town ("Mníšek pod Brdy", "Xavier do Sul"), or a car's make before its model ("Ferrari Jetta").
/// The first word may be a person's name in these ("Xavier", "Júlio"), so the run-level rules cannot see them.
/// </summary>
internal static class ThingOpeners
{
    /// <summary>
    /// Words that open the name of a street, a venue, an institution or an airline and are on no name list: a run
    /// that starts with one names that thing. Left out: words that are also people's names ("Villa", "Monte", "Ronda",
    /// "Arroyo", "Quinta") and English words that lead to people ("Via John").
    /// </summary>
    private static readonly HashSet<string> Openers = new(StringComparer.OrdinalIgnoreCase)
    {
        "contrada", "rynek", "rondo", "ulica", "aleja", "rua", "avenida", "alameda", "travessa", "rodovia", "estrada", "praça", "calle", "carrer",
        "avinguda", "rambla", "paseo", "camino", "carretera", "glorieta", "travesía", "callejón", "riera", "rue", "viale", "piazza", "piazzale",
        "corso", "largo", "vicolo", "strada", "calea", "szosa", "skwer", "estadio", "estádio", "stadio", "stade", "stadion", "teatro", "théâtre",
        "museo", "musée", "museu", "palazzo", "palacio", "palácio", "castello", "iglesia", "chiesa", "igreja", "universidad", "università",
        "universidade", "instituto", "istituto", "colegio", "colégio", "aeropuerto", "aeroporto", "aéroport", "flughafen", "air", "aerolineas",
        "aerolíneas", "aeroméxico", "universitas", "universität", "université", "universiteit", "uniwersytet", "đường", "phố",
    };

    /// <summary>Lower-case street words before a capitalised run ("rynek Skiba", "rondo Morawski"); no English preposition such as "via".</summary>
    private static readonly HashSet<string> StreetWordsBefore = new(StringComparer.Ordinal)
    {
        "rynek", "rondo", "ulica", "ul", "aleja", "skwer", "rua", "avenida", "travessa", "rodovia", "alameda", "calle", "carrer", "rue", "viale",
        "piazza", "corso", "contrada", "strada", "praça",
    };

    /// <summary>Endings of one-word street names in Nordic, German, Danish, Finnish and Hungarian ("Stationsgatan", "Lindenstraße").</summary>
    private static readonly string[] StreetEndings =
        ["gatan", "vägen", "gränd", "straße", "strasse", "gasse", "platz", "allee", "gade", "vej", "stræde", "katu", "kuja", "utca"];

    /// <summary>Lower-case words between a town and the river or region it stands on ("nad", "pod", "am", "upon", "sur").</summary>
    internal static readonly HashSet<string> PlaceConnectors = new(StringComparer.Ordinal)
    {
        "nad", "pod", "am", "upon", "sur", "sous", "ob", "bei",
    };

    /// <summary>Portuguese region words after "do" / "da" that end a town's name ("Xavier do Sul", "Júlio do Norte").</summary>
    private static readonly HashSet<string> RegionWords = new(StringComparer.Ordinal)
    {
        "Sul", "Norte", "Oeste", "Leste", "Serra", "Mar", "Campo", "Monte",
    };

    /// <summary>Car makes whose model follows them ("Ferrari Jetta", "Fiat Colorado"); a make that is a listed name never counts (checked by the caller).</summary>
    private static readonly HashSet<string> CarMakes = new(StringComparer.OrdinalIgnoreCase)
    {
        "audi", "bentley", "bmw", "bugatti", "cadillac", "chevrolet", "chevy", "chrysler", "ferrari", "fiat", "hyundai", "jaguar", "jeep", "lamborghini",
        "maserati", "nissan", "peugeot", "polestar", "porsche", "renault", "rolls", "volkswagen", "vw", "volvo", "škoda", "skoda", "citroën", "citroen",
    };

    /// <summary>True when the run opens with a thing word, ends in a compound street word, or is a car make and its model.</summary>
    public static bool IsThing(List<WordToken> run, PiiGazetteer gazetteer)
    {
        if (run.Count == 0)
        {
            return false;
        }

        var first = NameShapes.Bare(run[0].Text);
        if (run.Count >= 2 && Openers.Contains(first) && !gazetteer.IsKnownName(first))
        {
            return true;
        }

        if (CompoundStreet(NameShapes.Bare(run[^1].Text), gazetteer))
        {
            return true;
        }

        return run.Count is 2 or 3 && CarMakes.Contains(first) && !gazetteer.FirstNames.Contains(first) && !gazetteer.Surnames.Contains(first);
    }

    /// <summary>"Stationsgatan", "Lindenstraße": a word longer than its street ending by three letters or more, on no name list.</summary>
    public static bool CompoundStreet(string word, PiiGazetteer gazetteer)
    {
        foreach (var ending in StreetEndings)
        {
            if (word.Length >= ending.Length + 3 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return !gazetteer.IsKnownName(word) && !gazetteer.PeopleNames.Contains(word);
            }
        }

        return false;
    }

    private static readonly HashSet<string> DateAbbreviations = new(StringComparer.Ordinal)
    {
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    };

    /// <summary>
    /// "RECEIVED DATE: Thu, 10 Feb 2022", "Jan 12, 2024": an abbreviated weekday or month followed by a number (after a
    /// comma or a space) is a date, although "Thu" and "Jan" are first names.
    /// </summary>
    public static bool DateAbbreviation(string text, List<WordToken> run)
    {
        if (run.Count != 1 || !DateAbbreviations.Contains(run[0].Text))
        {
            return false;
        }

        var i = run[0].End;
        if (Boundaries.CharAt(text, i) == ',')
        {
            i++;
        }

        return Boundaries.CharAt(text, i) == ' ' && char.IsAsciiDigit(Boundaries.CharAt(text, i + 1));
    }

    /// <summary>"franco alameda", "margarida avenida": a street word of another language, lower-case or not.</summary>
    public static bool IsStreetWord(string word) => StreetWordsBefore.Contains(word.ToLowerInvariant());

    /// <summary>"rynek Skiba": a lower-case street word right before the run.</summary>
    public static bool StreetWordBefore(string text, int start) =>
        StreetWordsBefore.Contains(PersonCues.WordBefore(text, start, out _).TrimEnd('.'));

    /// <summary>
    /// "Mníšek pod Brdy", "Frankfurt am Main", "Xavier do Sul": the run is followed by a connector and a capitalised word,
    /// or by "do" / "da" and a region word, so it is the first part of a town's name.
    /// </summary>
    public static bool TownConnectorAfter(string text, int end)
    {
        if (Boundaries.CharAt(text, end) != ' ')
        {
            return false;
        }

        var i = end + 1;
        var from = i;
        while (i < text.Length && i - from < 5 && char.IsLower(text[i]))
        {
            i++;
        }

        var connector = text[from..i];
        if (Boundaries.CharAt(text, i) != ' ' || !char.IsUpper(Boundaries.CharAt(text, i + 1)))
        {
            return false;
        }

        if (PlaceConnectors.Contains(connector))
        {
            return true;
        }

        var wordFrom = i + 1;
        var j = wordFrom;
        while (j < text.Length && j - wordFrom < 8 && char.IsLetter(text[j]))
        {
            j++;
        }

        return connector is "do" or "da" && !char.IsLetter(Boundaries.CharAt(text, j)) && RegionWords.Contains(text[wordFrom..j]);
    }
}
