namespace Orchestrator.Retrieval.Chunking;

/// <summary>
/// Rule-based sentence splitting: a sentence ends at . ! or ? (plus closing quotes or brackets)
/// followed by whitespace, or at a line break. Common abbreviations and initials do not end a
/// sentence. Returned sentences are exact substrings of the input, trimmed.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "inc", "ltd", "co",
        "corp", "fig", "approx", "dept", "est", "gen", "gov", "lt", "col", "mt", "ft", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m", "ca", "cf", "al",

        // "Brown v. Board of Education", "Rev. Paul T. Stallsworth": a case name or a title before a name.
        "v", "rev",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(sentences, text, start, i);
                start = i + 1;
                continue;
            }

            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '.' or '!' or '?')
            {
                end++;
            }

            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, i, end))
            {
                continue;
            }

            Add(sentences, text, start, end);
            start = end;
            i = end - 1;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool IsAbbreviation(string text, int dot, int end)
    {
        var wordStart = dot;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] != '(')
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial, as in "John F. Kennedy"
        }

        // "No. 5" is an abbreviation, but a sentence ending in "no." followed by a capital is not worth the risk either way.
        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        var nextIsLower = next < text.Length && char.IsLower(text[next]);
        return Abbreviations.Contains(word) || IsDottedInitials(word) || (nextIsLower && word.Length > 0);
    }

    /// <summary>"U.N. Secretary General", "U.S.A. Today": single letters joined by dots are one abbreviation, not a sentence end.</summary>
    private static bool IsDottedInitials(string word)
    {
        if (word.Length < 3 || word.Length % 2 == 0)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (i % 2 == 0 ? !char.IsLetter(word[i]) : word[i] != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var sentence = text[start..end].Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }
}
