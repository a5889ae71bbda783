namespace Orchestrator.Guardian.Pii;

/// <summary>The shape of a single word as evidence for a person name (name-like, surname endings, acronyms, camel case, possessives).</summary>
internal static class NameShapes
{
    /// <summary>
    /// Listed as a name and no ordinary word, or in no dictionary at all. Loosely also a listed
    /// people name that a word list calls a place or brand too ("Pauline", "Karin"): evidence only
    /// beside other name words.
    /// </summary>
    internal static bool NameLike(PiiGazetteer gazetteer, string word, bool loose) =>
        gazetteer.IsPlainName(word) || (gazetteer.IsKnownName(word) && !gazetteer.NameWords.Contains(word)) || gazetteer.IsUnusualWord(word)
        || (loose && (gazetteer.PeopleNames.Contains(word) || gazetteer.FirstNames.Contains(word)) && !gazetteer.EnglishWords.Contains(word));

    /// <summary>"ATMs", "IDEs", "NW-Guest": a second capital letter right after the first.</summary>
    internal static bool Acronym(string word) => word.Length > 2 && char.IsUpper(word[1]);

    /// <summary>
    /// Endings that mark a surname in many languages (Kaczmarek, Yefremova, Živković, Khadzhiyev,
    /// Eklund, Goldberg): a word in no dictionary with such an ending is a person even without a cue,
    /// where a product or company name (Spendwise, Firefox) is not.
    /// </summary>
    internal static bool SurnameShape(string word)
    {
        if (word.Length < 4 || !CharClasses.AllLower(word.AsSpan(1)))
        {
            return false;
        }

        foreach (var ending in SurnameEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] SurnameEndings =
    [
        "ova", "ová", "eva", "ev", "ov", "ski", "ska", "sky", "ský", "cki", "cka", "ić", "ic", "vich", "vych", "enko", "chuk", "yuk", "uk", "yan", "ian", "dze", "shvili",
        "sson", "sen", "son", "berg", "stein", "mann", "ez", "escu", "opoulos", "akis", "oglu", "oğlu", "ek", "ak", "czyk", "wicz", "ini", "elli", "etti", "ucci", "ino", "ero",
        "iyev", "yev", "iev", "aev", "ayev", "lund", "strom", "ström", "qvist", "gren", "quist", "holm", "dottir", "dóttir", "ssen", "ens", "ink", "ema", "ito", "oto", "ura", "ama",
    ];

    /// <summary>An upper-case letter after a lower-case one, except the Mc/Mac/De/La of surnames (McDowell, DeLuca).</summary>
    internal static bool CamelCase(string word)
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
    internal static string Bare(string word) =>
        word.Length > 3 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) ? word[..^2] : word;
}
