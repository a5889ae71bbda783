using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Street addresses: a house number, one to four street-name words and a USPS street suffix
/// ("221 Baker Street", "17 W 5th Ave.", with an optional unit such as ", Apt. 4B"); continental
/// forms where the number follows the street ("Ziegelgasse 19", "Rue de Provence 33", "Via Roma 5");
/// PO and military boxes; and a lone apartment or suite number. Each span carries a confidence.
/// </summary>
internal static partial class AddressRules
{
    private const int MaxNameWords = 4;

    /// <summary>Suffixes that are ordinary words too ("Best Way", "Central Park"): lower confidence.</summary>
    private static readonly HashSet<string> WeakSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "way", "park", "point", "view", "center", "club", "union", "station", "mall", "lake", "hill", "river", "island", "mount", "key", "is",
        "pass", "run", "rest", "well", "wall", "camp", "cape", "land", "light", "lock", "mission", "port", "spring", "stream", "summit", "track", "walk", "green", "field",
    };

    /// <summary>Street types after the name outside USPS Publication 28: British ("Juniper Close", "Weber Paddock") and Portuguese as faker writes them ("Moreira Rua"); capitalised only.</summary>
    private static readonly HashSet<string> OtherSuffixes = new(StringComparer.Ordinal)
    {
        "Close", "Vale", "Paddock", "Mews", "Gate", "Rise", "Chase", "Wynd", "Row", "Yard", "Parade", "Croft", "Fold", "Garth", "Gardens", "Rua", "Avenida", "Alameda", "Rodovia", "Travessa",
    };

    /// <summary>Written lower-case in real addresses too ("12 main street"); the other suffixes must be capitalised.</summary>
    private static readonly HashSet<string> CommonSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "ln", "boulevard", "blvd", "court", "ct", "place", "pl", "terrace", "parkway", "highway", "hwy",
    };

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    };

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        CollectNumberFirst(text, tokens, found);
        Add(text, ContinentalPrefixed(), 0.8, found, extend: true, m => PrefixedNameWords(m.Value));
        if (!CharClasses.AnyUpper(text))
        {
            Add(text, ContinentalPrefixedLower(), 0.8, found, extend: true);
        }

        Add(text, ContinentalSuffixed(), 0.8, found, extend: true, m => !IsEnglishWord(m.Value[..m.Value.IndexOf(' ', StringComparison.Ordinal)]));
        Add(text, FrenchNumberFirst(), 0.75, found, extend: true);
        Add(text, GermanPreposition(), 0.75, found, extend: true);
        Add(text, PostBox(), 0.9, found);
        Add(text, MilitaryBox(), 0.95, found);
        Add(text, LoneUnit(), 0.6, found);
        Add(text, SeparateStreetType(), 0.75, found, extend: true);
        StreetTownPostcode.Collect(text, found);
        AddressCues.Collect(text, tokens, found);
        AddressContinuation.Extend(text, found);
    }

    private static void CollectNumberFirst(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        var gazetteer = PiiGazetteer.Shared;
        // Text typed all in lower case ("i live at 3747 fourth avenue") has no capitals to find a
        // street name by; there any plain word may be one, as long as a common suffix closes it.
        var lowerText = !CharClasses.AnyUpper(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var number = tokens[i];
            // "221B Baker Street", "12a Mill Lane": one letter glued to the house number belongs to it.
            var lettered = number.IsNumber && i + 1 < tokens.Count && tokens[i + 1].Start == number.End && tokens[i + 1].Text.Length == 1
                && char.IsAsciiLetter(tokens[i + 1].Text[0]) && Boundaries.CharAt(text, number.End + 1) == ' ';
            var first = lettered ? i + 2 : i + 1;
            if (!number.IsNumber || number.Text.Length > 6 || !lettered && !Boundaries.Bounded(text, number.Start, number.Text.Length) && Boundaries.CharAt(text, number.End) is not (' ' or ',')
                || (Boundaries.CharAt(text, number.Start - 1) == '.' && char.IsLetterOrDigit(Boundaries.CharAt(text, number.Start - 2))))
            {
                continue; // "M.2 Internal Solid State Hard Drive", "v1.2": a model or a version, no house number.
            }

            // Street words run to the nearest suffix; every one capitalised (or an ordinal like 5th).
            for (var k = first; k < tokens.Count && k <= first + MaxNameWords; k++)
            {
                var word = tokens[k];
                if (!SingleSpaced(text, tokens[k - 1], word) && !IsOrdinal(text, word))
                {
                    break;
                }

                // "under TFEU article 267. The Italian Constitutional Court": a dot after the number ends a sentence.
                if (k == first && Boundaries.CharAt(text, tokens[k - 1].End) == '.')
                {
                    break;
                }

                // "0645 Reyes Católicos 17", "19902 Dobrovského 1394": a number, a street name that is
                // no English word, and the house number after it (the continental order).
                if (word.IsNumber && k + 1 < tokens.Count && tokens[k + 1].Start == word.End && tokens[k + 1].Text is "st" or "nd" or "rd" or "th")
                {
                    continue; // "5th": the ordinal's digits; its suffix is checked as the next word.
                }

                if (word.IsNumber)
                {
                    var streetWords = tokens.Skip(first).Take(k - first).ToList();
                    if (streetWords.Any(w => Months.Contains(w.Text)))
                    {
                        break; // "9 June 1993" is a date.
                    }

                    // "980 PRO SSD 2TB": a number glued to a unit is no house number ("82c" is).
                    if (char.IsLetter(Boundaries.CharAt(text, word.End)) && char.IsLetter(Boundaries.CharAt(text, word.End + 1)))
                    {
                        break;
                    }

                    if (streetWords.Count > 0 && word.Text.Length <= 5 && streetWords.Any(w => w.Text.Length > 1 && gazetteer.IsUnusualWord(w.Text)) && Boundaries.CharAt(text, word.End) is not ('.' or ',') || (streetWords.Count > 0 && Boundaries.CharAt(text, word.End) is '.' or ',' && !char.IsAsciiDigit(Boundaries.CharAt(text, word.End + 1)) && streetWords.Any(w => w.Text.Length > 1 && gazetteer.IsUnusualWord(w.Text))))
                    {
                        var end = ExtendWithUnit(text, word.End);
                        found.Add(new PiiSpan(PiiType.StreetAddress, number.Start, end - number.Start, text[number.Start..end]) { Confidence = 0.7 });
                    }

                    break;
                }

                // "2023 April 21st", "the 2023 1st of March": an ordinal's letters are no street type, and a month is no street.
                if (IsOrdinal(text, word))
                {
                    if (tokens.Skip(first).Take(k - first).Any(w => Months.Contains(w.Text)))
                    {
                        break;
                    }

                    continue; // "123 1st Street": the street's name goes on after the ordinal.
                }

                var isSuffix = k > first && (gazetteer.StreetSuffixes.Contains(word.Text) || OtherSuffixes.Contains(word.Text))
                    && (word.IsCapitalized || CommonSuffixes.Contains(word.Text) || IsUpper(word.Text))
                    && (!lowerText || CommonSuffixes.Contains(word.Text));
                if (isSuffix)
                {
                    var end = word.End + (Boundaries.CharAt(text, word.End) == '.' && word.Text.Length <= 4 ? 1 : 0);
                    end = ExtendWithUnit(text, end);
                    // "Top 10 Best Way": a suffix that is also an ordinary word needs a street name that is not one.
                    var weak = WeakSuffixes.Contains(word.Text);
                    if (weak && !tokens.Skip(first).Take(k - first).Any(w => w.Text.Length > 1 && (gazetteer.IsUnusualWord(w.Text) || (gazetteer.IsKnownName(w.Text) && !gazetteer.NameWords.Contains(w.Text)))))
                    {
                        break;
                    }

                    var confidence = weak ? 0.6 : 0.85;
                    found.Add(new PiiSpan(PiiType.StreetAddress, number.Start, end - number.Start, text[number.Start..end]) { Confidence = confidence });
                    break;
                }

                if (!(word.IsCapitalized || IsUpper(word.Text) || IsOrdinal(text, word) || (lowerText && LowerStreetWord(word.Text))))
                {
                    break;
                }
            }
        }
    }

    /// <summary>A lower-case word that may name a street: letters (an apostrophe: "st mary's road"; a compass letter: "s 2nd street"), and none of the words that count or measure ("5 minute drive", "2 more lanes").</summary>
    private static bool LowerStreetWord(string word) =>
        (word.Length >= 2 || word is "n" or "s" or "e" or "w") && word.All(c => char.IsLetter(c) || c is '\'' or '’') && !NotStreetWords.Contains(word);

    private static readonly HashSet<string> NotStreetWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "minute", "minutes", "min", "mile", "miles", "hour", "hours", "km", "kilometer", "kilometers", "more", "less", "of", "the", "a", "an", "and", "or", "to", "for", "in", "on", "at",
        "lane", "lanes", "way", "ways", "car", "cars", "day", "days", "week", "weeks", "year", "years", "new", "other", "different", "few", "times", "people", "my", "your", "our", "their",
        "his", "her", "its", "is", "are", "was", "were", "be", "by", "with", "from", "than", "dollar", "dollars", "percent", "hundred", "thousand", "million", "block", "blocks",
        "am", "pm", "until", "till", "through", "between", "noon", "midnight", "oclock", "tomorrow", "today", "tonight", "and", "then", "next",
    };

    /// <summary>", Apt. 4B", " Suite 300", " #12" right after the street.</summary>
    private static int ExtendWithUnit(string text, int end)
    {
        // A bounded window: Match(text, end) would search on to the end of the text for every street.
        var m = UnitAfter().Match(text, end, Math.Min(24, text.Length - end));
        return m.Success && m.Index == end ? end + m.Length : end;
    }

    private static bool SingleSpaced(string text, WordToken a, WordToken b) =>
        b.Start - a.End == 1 && text[a.End] == ' ' || (b.Start - a.End == 2 && text[a.End] == '.' && text[a.End + 1] == ' ');

    private static bool IsUpper(string word) => word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>"5th", "2nd": the digits are one token and the suffix another, so look just before.</summary>
    private static bool IsOrdinal(string text, WordToken word) =>
        word.Text is "st" or "nd" or "rd" or "th" && char.IsAsciiDigit(Boundaries.CharAt(text, word.Start - 1));

    private static void Add(string text, Regex pattern, double confidence, List<PiiSpan> found, bool extend = false, Func<Match, bool>? accept = null)
    {
        for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
        {
            if (Boundaries.Bounded(text, m.Index, m.Length) && (accept is null || accept(m)))
            {
                var (start, end) = extend ? (LeadingNumberStart(text, m.Index), ExtendWithUnit(text, m.Index + m.Length)) : (m.Index, m.Index + m.Length);
                found.Add(new PiiSpan(PiiType.StreetAddress, start, end - start, text[start..end]) { Confidence = confidence });
            }
        }
    }

    private static bool IsEnglishWord(string word) => PiiGazetteer.Shared.EnglishWords.Contains(word.ToLowerInvariant());

    /// <summary>Lower-case words inside a street's name: the particles of the languages that write the type first.</summary>
    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal)
    {
        "de", "la", "le", "les", "del", "della", "delle", "dei", "degli", "di", "da", "do", "dos", "das", "du", "des", "d'", "l'", "a", "e", "y", "i", "el", "los", "las", "von", "van", "der", "den",
    };

    /// <summary>
    /// "Park for the next 5 years", "Park Apartments for next Wednesday 2023": a street type that is an English word
    /// ("Park", "Passage", "Plaza", "Via") opens a street only when the words after it are a name (capitalised, or a
    /// particle: "Via della Spiga 3"); the other types ("Rua", "Calle", "ul.") keep the lower-case names they are
    /// written with.
    /// </summary>
    private static bool PrefixedNameWords(string match)
    {
        var words = match.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || !char.IsUpper(words[0][0]) || !IsEnglishWord(words[0].TrimEnd('.')))
        {
            return true;
        }

        return words.Skip(1).SkipLast(1).All(w => char.IsUpper(w[0]) || NameParticles.Contains(w) || w.StartsWith("d'", StringComparison.Ordinal) || w.StartsWith("l'", StringComparison.Ordinal));
    }

    /// <summary>"27534 Þorsteinsgata 63": a number right before the street belongs to the address.</summary>
    private static int LeadingNumberStart(string text, int start)
    {
        if (start < 2 || text[start - 1] != ' ' || !char.IsAsciiDigit(text[start - 2]))
        {
            return start;
        }

        var i = start - 2;
        while (i > 0 && char.IsAsciiDigit(text[i - 1]) && start - i < 7)
        {
            i--;
        }

        return i == 0 || !char.IsLetterOrDigit(text[i - 1]) ? i : start;
    }

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    [GeneratedRegex(@",? (Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building)\.? ?#?[0-9]{1,5}[A-Za-z]?|,? #[0-9]{1,5}[A-Za-z]?", Options | RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfter();

    // Rue de la Paix 12, Via Roma 5, Avenida Paulista 1578, ul. Jarzębinowa 5, Piazza Rezzonico 35.
    // The street types that are no English word also match in lower case ("rua josé madeira 1", "skwer adamski 73b");
    // "Via", "Passage", "Park" only capitalised. A comma may come before the number ("Partida Barbara Nava, 6"),
    // and Spanish "s/n" stands for "no number".
    [GeneratedRegex(@"(Rue|Via|Viale|Piazza|Piazzale|Corso|Largo|Avenida|Av\.|Rua|Calle|Carrer|Paseo|Travessa|Praça|Plaza|Chemin|Boulevard|Ul\.|Ulica|Strada|Calea|Aleja|Al\.|Borgo|Vicolo|Rotonda|Incrocio|Contrada|Quai|Voie|Impasse|Allée|Passage|Ronda|Camino|Carretera|Avinguda|Rambla|Alameda|Rodovia|Estrada|Aldea|Huerta|Arroyo|Partida|Torrente|Terrenos|Edificio|Chalet|Glorieta|Travesía|Callejón|Cuesta|Subida|Skwer|Rynek|Droga|Szosa|Wyspa|Wyb\.|Pl\.|Os\.|Park|Ved|Monte|Ramal|Calleja|Puente|Quinta|Sector|Urbanización|Vía|Ogród|ul\.|rue|rua|calle|skwer|rynek) (\p{L}[\p{L}'\-\.]*(,? |$)){1,5}([0-9]{1,5}[A-Za-z]?|s/n\.?)", Options)]
    private static partial Regex ContinentalPrefixed();

    // The same in text typed all in lower case, for the types that are no English word (run only on such text).
    [GeneratedRegex(@"(rua|avenida|calle|carrer|rue|piazza|viale|corso|strada|ulica|ul\.|skwer|rynek|aleja|al\.|wyb\.|droga|szosa|wyspa|os\.|rotonda|incrocio|contrada|borgo|vicolo|quai|voie|impasse|allée|avinguda|rambla|alameda|rodovia|travessa|praça|paseo|camino|carretera) (\p{L}[\p{L}'\-\.]*(,? |$)){1,5}([0-9]{1,5}[a-z]?|s/n\.?)", Options)]
    private static partial Regex ContinentalPrefixedLower();

    // "1 Avenue de Rivoli", "2 Quai d'Alésia", "17 Impasse de la Ferronnerie", "640 Voie Royale": French order, number first.
    [GeneratedRegex(@"[0-9]{1,5}(bis|ter)?,? (Rue|Avenue|Boulevard|Quai|Voie|Passage|Impasse|Allée|Place|Chemin|Cours|Route|Square|rue|quai|voie|impasse|allée)( (de la|de l'|des|du|de|la|le|les|d')| d')? ?\p{L}[\p{L}'\-]*( \p{Lu}[\p{L}'\-]*){0,3}", Options)]
    private static partial Regex FrenchNumberFirst();

    // "Am Buttermarkt 82c", "In der Birkenau 98c": German streets named by a preposition; the name must be a capitalised word of two letters or more.
    [GeneratedRegex(@"(Am|Im|An der|In der|Auf der|Auf dem|Zum|Zur|Unter den|Hinter der) \p{Lu}\p{Ll}[\p{L}\-]* [0-9]{1,4}[a-z]?", Options)]
    private static partial Regex GermanPreposition();

    // Ziegelgasse 19, Parijsstraat 8, Kopfhölzistrasse 45, Laukaantie 80, Drottninggatan 5, Schachterlweg 62.
    [GeneratedRegex(@"\p{Lu}[\p{L}\-]*(strasse|straße|str\.|gasse|weg|straat|laan|gracht|plein|kade|dijk|steeg|plantsoen|singel|gade|vej|vænget|stræde|vägen|veien|gatan|gata|gate|gärdet|gården|allén|backen|bakken|stigen|gränd|gränden|torget|tie|katu|kuja|polku|väylä|rinne|ranta|raitti|penger|kaari|allee|platz|ring|damm|ufer|markt|utca|út|cesta|ulica) [0-9]{1,5}[A-Za-z]?", Options | RegexOptions.IgnoreCase)]
    private static partial Regex ContinentalSuffixed();

    // Kálmán Imre u. 12., Rákóczi út 13., Luite tee 87, Brivības iela 5: the street type is a word of its own after the name.
    [GeneratedRegex(@"(\p{Lu}[\p{L}'\-]+ ){1,3}(u\.|utca|út|útja|útja|tér|körút|krt\.|tee|tänav|iela|gatve|gata|gatan|Gata|Väg|väg|vej|vei|veien|gade|sokak|caddesi|cad\.|sk\.|Str\.|Straße|Strasse|Allee|Platz) [0-9]{1,5}[A-Za-z]?\.?", Options)]
    private static partial Regex SeparateStreetType();

    [GeneratedRegex(@"(P\.? ?O\.?|Post Office) Box [0-9]{1,6}", Options | RegexOptions.IgnoreCase)]
    private static partial Regex PostBox();

    // US military mail: "PSC 5217, Box 4854\nAPO AP 43617", "Unit 4719 Box 7394 DPO AP 70942", "USNS Bergman\nFPO AA 65728".
    [GeneratedRegex(@"((PSC|CMR|Unit) [0-9]{1,5},? Box [0-9]{1,5}|(USNS|USNV|USS|USCGC) \p{Lu}\p{L}+)[\s,]+(APO|FPO|DPO) (AA|AE|AP) [0-9]{5}", Options | RegexOptions.IgnoreCase)]
    private static partial Regex MilitaryBox();

    [GeneratedRegex(@"(Apt|Apartment|Suite|Ste)\.? ?#?[0-9]{1,5}[A-Za-z]?", Options)]
    private static partial Regex LoneUnit();
}
