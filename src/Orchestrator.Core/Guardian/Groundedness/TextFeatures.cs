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
        foreach (var m in NumberPattern().EnumerateMatches(text))
        {
            if (ParseNumber(text.AsSpan(m.Index, m.Length)) is { } value)
            {
                numbers.Add(value);
            }
        }

        return numbers;
    }

    /// <summary>Stemmed, lower-cased content words and names of three letters or more, stopwords removed.</summary>
    public static IReadOnlySet<string> KeyTerms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[WordBufferChars];
        foreach (var m in WordPattern().EnumerateMatches(text))
        {
            var raw = text.AsSpan(m.Index, m.Length);
            if (raw.Length > WordBufferChars)
            {
                var word = raw.ToString().ToLowerInvariant().Replace("'s", string.Empty, StringComparison.Ordinal).Trim('\'', '-');
                if (word.Length >= 3 && !Stopwords.Contains(word))
                {
                    terms.Add(Stem(word));
                }

                continue;
            }

            // The same steps in a stack buffer: only words that are kept become strings.
            var lower = LowerWithoutPossessive(raw, buffer).Trim(['\'', '-']);
            if (lower.Length >= 3 && !Stopwords.Contains(lower))
            {
                terms.Add(Stem(lower.ToString()));
            }
        }

        return terms;
    }

    /// <summary>Words up to this length are lower-cased in a stack buffer; longer ones (rare) take the string path.</summary>
    internal const int WordBufferChars = 64;

    /// <summary>
    /// <paramref name="raw"/> lower-cased (invariant) with every "'s" removed, written to <paramref name="buffer"/>
    /// (at least as long as <paramref name="raw"/>): what <c>ToLowerInvariant().Replace("'s", "")</c> gives, without the strings.
    /// </summary>
    internal static ReadOnlySpan<char> LowerWithoutPossessive(ReadOnlySpan<char> raw, Span<char> buffer)
    {
        var length = raw.ToLowerInvariant(buffer);
        var written = 0;
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] == '\'' && i + 1 < length && buffer[i + 1] == 's')
            {
                i++;
                continue;
            }

            buffer[written++] = buffer[i];
        }

        return buffer[..written];
    }

    /// <summary>A matched number as a value (commas dropped, trailing zeros normalised), or null when it does not parse.</summary>
    internal static decimal? ParseNumber(ReadOnlySpan<char> match)
    {
        Span<char> plain = stackalloc char[Math.Min(match.Length, WordBufferChars)];
        if (match.Length > WordBufferChars)
        {
            return decimal.TryParse(match.ToString().Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var big)
                ? big / 1.000000000000000000000000000000000m
                : null;
        }

        var length = 0;
        foreach (var c in match)
        {
            if (c != ',')
            {
                plain[length++] = c;
            }
        }

        return decimal.TryParse(plain[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value / 1.000000000000000000000000000000000m : null;
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
