using System.Text.RegularExpressions;

namespace Orchestrator.TextUnits;

/// <summary>
/// Citation stripping and sentence splitting as the groundedness check reads text. It lives below
/// Retrieval and Guardian (which must not use each other) because ingest computes, and stores
/// vectors for, exactly the units the check later compares against.
/// </summary>
internal static partial class SentenceText
{
    // Abbreviations whose trailing dot does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "no", "approx", "incl", "fig", "cf", "jr", "sr", "inc", "ltd", "co",
    };

    /// <summary>Removes citation markers such as [1], [2, 3] or [1-4] and the space before them.</summary>
    public static string StripCitations(string text) => Citation().Replace(text, string.Empty);

    /// <summary>
    /// The sentences an answer claims, citation markers removed. A citation right after a colon
    /// ends the claim there: an extractive answer quotes a lead-in ("rates are capped by city
    /// tier: [1]") and then one row of the list it introduces, and joined they would read as one
    /// sentence that no passage contains, although each part is a verbatim quote. So does a
    /// citation after a quote with no closing punctuation (a formula, "entitlement = 25 days x
    /// (hours / 40) [2]") when a capitalised sentence follows it; before a lower-case word
    /// ("... 25 days [1] and 5 more [2].") the citation sits inside one sentence and is only removed.
    /// </summary>
    public static IReadOnlyList<string> SplitCitedSentences(string answer) =>
        SplitSentences(StripCitations(CitedUnpunctuatedQuote().Replace(CitedLeadIn().Replace(answer, ":\n"), "${end}\n${next}")));

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

    private static bool IsAbbreviation(string line, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && !char.IsWhiteSpace(line[wordStart - 1]))
        {
            wordStart--;
        }

        // A lone letter is an initial ("J. Doe"); a number ends a sentence ("until the child
        // turns 8.") unless it opens one, where it numbers a list item ("1. Third point", "10. Submit").
        var word = line[wordStart..dot].TrimStart('(');
        var opensSentence = string.IsNullOrWhiteSpace(line[start..wordStart]);
        var listNumber = opensSentence && word.Length is >= 1 and <= MaxListNumberDigits && word.All(char.IsAsciiDigit);
        return (word.Length == 1 && char.IsLetter(word[0])) || listNumber || Abbreviations.Contains(word);
    }

    /// <summary>List numbers run to 999; a longer number opening a line ("2024. The year…") is more likely a year or amount.</summary>
    private const int MaxListNumberDigits = 3;

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

    [GeneratedRegex(@":\s*\[[0-9]+(\s*[,\-–]\s*[0-9]+)*\]", RegexOptions.NonBacktracking)]
    private static partial Regex CitedLeadIn();

    [GeneratedRegex(@"(?<end>[^\s.!?:])\s*\[[0-9]+(\s*[,\-–]\s*[0-9]+)*\]\s+(?<next>\p{Lu})", RegexOptions.NonBacktracking)]
    private static partial Regex CitedUnpunctuatedQuote();

    [GeneratedRegex(@"^([-*•]|[0-9]+[.)])\s+", RegexOptions.NonBacktracking)]
    private static partial Regex BulletPattern();
}
