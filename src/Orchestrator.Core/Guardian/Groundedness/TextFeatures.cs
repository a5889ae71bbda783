using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.TextUnits;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>Sentence splitting, numbers and key terms: the surface features groundedness compares.</summary>
internal static partial class TextFeatures
{
    /// <summary>Removes citation markers such as [1], [2, 3] or [1-4] and the space before them.</summary>
    public static string StripCitations(string text) => SentenceText.StripCitations(text);

    /// <summary>Splits on . ! ? followed by white space (not after an abbreviation or initial) and on line breaks; drops list bullets.</summary>
    public static IReadOnlyList<string> SplitSentences(string text) => SentenceText.SplitSentences(text);

    /// <summary>An answer's sentences with citations removed; a citation after a colon ends a lead-in (see <see cref="SentenceText.SplitCitedSentences"/>).</summary>
    public static IReadOnlyList<string> SplitCitedSentences(string answer) => SentenceText.SplitCitedSentences(answer);

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

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?", RegexOptions.NonBacktracking)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\p{L}[\p{L}'\-]*", RegexOptions.NonBacktracking)]
    private static partial Regex WordPattern();
}
