using System.Globalization;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Builds a safe FTS5 MATCH expression from user text. Only letter/digit runs survive, each is
/// double-quoted (so AND, NEAR, *, ^, column filters and parentheses are plain words, not syntax),
/// and they are OR-ed together so bm25 ranks by how many and how rare the matched terms are.
/// </summary>
public static class FtsQuery
{
    private const int MaxTerms = 32;

    // Very common words carry no ranking signal in bm25 but cost time on every posting list.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "is", "are", "was",
        "were", "be", "been", "it", "its", "as", "that", "this", "what", "which", "who", "whom", "how", "when",
        "where", "why", "do", "does", "did", "from", "into", "than", "then", "there", "their", "they", "he",
        "she", "his", "her", "i", "you", "we", "my", "your", "our", "can", "could", "would", "should", "has",
        "have", "had", "not", "no", "so", "if", "but", "about", "s",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words up to this long are lower-cased on the stack, so a stop word costs no string.</summary>
    private const int StackWordChars = 64;

    /// <summary>
    /// Content words of a text, lower-cased, in order, without stop words. A word is a run of
    /// letters and digits (Unicode categories L and N, per UTF-16 unit, as the regex
    /// <c>[\p{L}\p{N}]+</c> reads them). Scanned by hand: this runs on every candidate sentence of
    /// every retrieval request, where the regex, its match objects and the LINQ chain were a
    /// measurable share of a request's CPU (docs/benchmarks.md).
    /// </summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        Span<char> lowered = stackalloc char[StackWordChars];
        var at = 0;
        while (at < text.Length)
        {
            if (!IsWordChar(text[at]))
            {
                at++;
                continue;
            }

            var start = at;
            while (at < text.Length && IsWordChar(text[at]))
            {
                at++;
            }

            var word = text.AsSpan(start, at - start);
            if (word.Length <= StackWordChars)
            {
                var written = word.ToLowerInvariant(lowered);
                if (!StopWordSpans.Contains(lowered[..written]))
                {
                    terms.Add(new string(lowered[..written]));
                }
            }
            else
            {
                var term = word.ToString().ToLowerInvariant();
                if (!StopWords.Contains(term))
                {
                    terms.Add(term);
                }
            }
        }

        return terms;
    }

    /// <summary>The regex's <c>[\p{L}\p{N}]</c>: any letter or number category, judged per UTF-16 unit (a surrogate is neither).</summary>
    internal static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    /// <summary>The MATCH expression, or null when the text has no searchable words.</summary>
    public static string? Build(string text)
    {
        var terms = Terms(text).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }
}
