namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// English function words plus a few answer-framing words ("according", "also") that say nothing
/// about the facts, so they do not count against coverage when a passage lacks them.
/// </summary>
internal static class Stopwords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "yours", "all", "any", "can", "could", "had", "has", "have",
        "her", "hers", "him", "his", "how", "its", "may", "might", "must", "our", "ours", "out", "own", "she", "should",
        "than", "that", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "too",
        "under", "until", "upon", "very", "was", "were", "what", "when", "where", "which", "while", "who", "whom", "whose",
        "why", "will", "with", "within", "without", "would", "yes", "yet", "about", "above", "after", "again", "against",
        "also", "although", "among", "because", "been", "before", "being", "below", "between", "both", "does", "did",
        "doing", "done", "down", "during", "each", "either", "else", "every", "few", "from", "further", "here", "into",
        "just", "more", "most", "much", "neither", "nor", "off", "once", "one", "only", "other", "over", "same", "some",
        "such", "something", "anything", "everything", "nothing", "thing", "things", "someone", "anyone", "get", "gets", "got", "per", "via", "according", "based", "please", "note", "let", "let's", "i'm", "it's",
        "you're", "you'll", "don't", "doesn't", "isn't", "aren't", "can't", "won't", "shall", "onto", "is", "be", "do",
        "to", "of", "in", "on", "at", "by", "or", "an", "as", "it", "if", "so", "up", "we", "us", "me", "my", "no",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(string lowerCaseWord) => Words.Contains(lowerCaseWord);

    /// <summary>The same test without a string (the caller's buffer).</summary>
    public static bool Contains(ReadOnlySpan<char> lowerCaseWord) => BySpan.Contains(lowerCaseWord);
}
