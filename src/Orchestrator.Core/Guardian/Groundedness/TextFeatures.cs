using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>Sentence splitting, numbers and key terms: the surface features groundedness compares.</summary>
internal static partial class TextFeatures
{
    // Abbreviations whose trailing dot does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "no", "approx", "incl", "fig", "cf", "jr", "sr", "inc", "ltd", "co",
    };

    /// <summary>Removes citation markers such as [1], [2, 3] or [1-4] and the space before them.</summary>
    public static string StripCitations(string text) => Citation().Replace(text, string.Empty);

    /// <summary>Splits on . ! ? followed by white space (not after an abbreviation or initial) and on line breaks; drops list bullets.</summary>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var endsHere = line[i] is '.' or '!' or '?' && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1]));
                if (endsHere && !(line[i] == '.' && IsAbbreviation(line, start, i)))
                {
                    Add(sentences, line[start..(i + 1)]);
                    start = i + 1;
                }
            }

            Add(sentences, line[start..]);
        }

        return sentences;
    }

    /// <summary>Numbers as values, so 1,000 equals 1000, 2.50 equals 2.5 and 50% equals "50 percent".</summary>
    public static IReadOnlySet<decimal> Numbers(string text)
    {
        var numbers = new HashSet<decimal>();
        foreach (Match m in NumberPattern().Matches(text))
        {
            var plain = m.Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add(value / 1.000000000000000000000000000000000m);
            }
        }

        return numbers;
    }

    /// <summary>Stemmed, lower-cased content words and names of three letters or more, stopwords removed.</summary>
    public static IReadOnlySet<string> KeyTerms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in WordPattern().Matches(text))
        {
            var word = m.Value.ToLowerInvariant().Replace("'s", string.Empty, StringComparison.Ordinal).Trim('\'', '-');
            if (word.Length >= 3 && !Stopwords.Contains(word))
            {
                terms.Add(Stem(word));
            }
        }

        return terms;
    }

    /// <summary>Crude suffix stripping so "employees"/"employee" and "approved"/"approval" meet.</summary>
    internal static string Stem(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "ly", "al", "s", "e", "y"])
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];

                // "submitted" and "submit" should meet: undo the doubled consonant before -ed/-ing.
                return suffix is "ed" or "ing" && stem[^1] == stem[^2] && !"aeiouls".Contains(stem[^1], StringComparison.Ordinal) ? stem[..^1] : stem;
            }
        }

        return word;
    }

    private static bool IsAbbreviation(string line, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && !char.IsWhiteSpace(line[wordStart - 1]))
        {
            wordStart--;
        }

        var word = line[wordStart..dot].TrimStart('(');
        return word.Length == 1 || Abbreviations.Contains(word);
    }

    private static void Add(List<string> sentences, string candidate)
    {
        var sentence = BulletPattern().Replace(candidate.Trim(), string.Empty).Trim();
        if (sentence.Any(char.IsLetterOrDigit))
        {
            sentences.Add(sentence);
        }
    }

    [GeneratedRegex(@"\s*\[[0-9]+(\s*[,\-–]\s*[0-9]+)*\]", RegexOptions.NonBacktracking)]
    private static partial Regex Citation();

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?", RegexOptions.NonBacktracking)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\p{L}[\p{L}'\-]*", RegexOptions.NonBacktracking)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^([-*•]|[0-9]+[.)])\s+", RegexOptions.NonBacktracking)]
    private static partial Regex BulletPattern();
}
