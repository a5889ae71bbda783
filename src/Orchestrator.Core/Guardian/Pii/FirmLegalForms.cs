namespace Orchestrator.Guardian.Pii;

/// <summary>
/// The legal forms that close a firm's name in many countries ("Kft.", "s.r.o.", "EIRELI", "A/S",
/// "e Hijos", "and Sons") and the joins of a firm's partners in lower-case text, for <see cref="OrganisationNames"/>.
/// Each check reads a bounded window after the name.
/// </summary>
internal static class FirmLegalForms
{
    private const int MaxFormLength = 16;

    /// <summary>Legal forms and the words that close a firm's name ("Kft.", "s.r.o.", "EIRELI", "e Hijos", "and Sons"), dots and slashes removed, lower case.</summary>
    internal static readonly HashSet<string> Forms = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "ltd", "llc", "llp", "plc", "corp", "gmbh", "ag", "kg", "ohg", "ug", "se", "sa", "sas", "sarl", "scop", "snc", "spa", "srl", "sro", "as", "vos", "bv", "nv", "vof",
        "ab", "hb", "kb", "aps", "oy", "oyj", "asa", "kft", "kv", "bt", "zrt", "nyrt", "ltda", "eireli", "ska", "sp", "sc", "cv", "co", "cie", "group", "gruppe", "gruppen", "groep",
        "hermanos", "hijos", "figli", "sons", "söhne", "brothers", "bros", "partners", "associates", "asociados", "associados", "associati", "investment", "holding", "holdings",
        "aktiebolag", "handelsbolag", "kommanditbolag", "kkt", "eurl", "ei", "sem", "sl", "srls", "bedrijf", "zonen", "comércio", "sca", "spj",
    };

    /// <summary>A legal form written as one ("Kft", "GmbH", "Kommanditbolag"): a two- or three-letter form needs its capital, so "as" and "co" in running text do not count.</summary>
    public static bool IsForm(string word) => Forms.Contains(word) && IsWrittenAsForm(word);

    /// <summary>
    /// The end of a legal form right after <paramref name="end"/>, past a space, a comma or a join
    /// ("Saraiva EIRELI", "Hajný a Vacek s.r.o.", "Tovar e Hijos", "Blom A/S"), or 0 when none follows.
    /// </summary>
    public static int EndAfter(string text, int end)
    {
        foreach (var join in (ReadOnlySpan<string>)[" e ", " y ", " and ", " & ", " und ", " ", ", "])
        {
            if (!text.AsSpan(end).StartsWith(join, StringComparison.Ordinal))
            {
                continue;
            }

            var from = end + join.Length;
            var to = from;
            while (to < text.Length && to - from < MaxFormLength && (char.IsLetter(text[to]) || text[to] is '.' or '/'))
            {
                to++;
            }

            var raw = text[from..to].TrimEnd('.');
            var form = raw.Replace(".", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);
            if (form.Length >= 2 && Forms.Contains(form) && (IsWrittenAsForm(raw) || raw.Contains('.', StringComparison.Ordinal)) && !char.IsLetter(Boundaries.CharAt(text, to)))
            {
                return from + raw.Length + (Boundaries.CharAt(text, from + raw.Length) == '.' ? 1 : 0);
            }
        }

        return 0;
    }

    /// <summary>
    /// A run found in lower-case text that is a firm's: before a legal form ("tovar e hijos", "loya olivares s.a."),
    /// ending in one ("virtanen llc"), or holding a partner join ("gagliardi e errante", "dehmel und").
    /// </summary>
    public static bool LowerCaseFirm(string text, int end, string value)
    {
        if (EndAfter(text, end) > 0)
        {
            return true;
        }

        var words = value.Split(' ');
        return (words.Length > 1 && words[^1].Length >= 3 && Forms.Contains(words[^1]))
            || words.Any(w => w is "e" or "und" or "et" or "y" or "és" or "og" or "och");
    }

    private static bool IsWrittenAsForm(string word) => word.Length > 0 && (char.IsUpper(word[0]) || word.Length > 3);
}
