using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Builds a safe FTS5 MATCH expression from user text. Only letter/digit runs survive, each is
/// double-quoted (so AND, NEAR, *, ^, column filters and parentheses are plain words, not syntax),
/// and they are OR-ed together so bm25 ranks by how many and how rare the matched terms are.
/// </summary>
public static partial class FtsQuery
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

    /// <summary>Content words of a text, lower-cased, in order, without stop words.</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(t => !StopWords.Contains(t)).ToList();

    /// <summary>The MATCH expression, or null when the text has no searchable words.</summary>
    public static string? Build(string text)
    {
        var terms = Terms(text).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => "\"" + t + "\""));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
