using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// A decade as one term. "Who played the Doctor on stage in the 70's?" is answered by "In the
/// early 1970s, Trevor Martin played ..." or by a sentence dated 1974; as words, "70", "1970s" and
/// "1974" share nothing. A decade expression in a question ("the 70's", "1970's", "1970s", "'70s")
/// becomes the term "1970s"; a sentence gets that term for its own decade expressions and for every
/// year it names. Only decades asked for match years: a question naming the year 1974 keeps it
/// as the exact term it is.
/// </summary>
internal static partial class DecadeTerms
{
    /// <summary>The decades a question asks about, and the words it wrote them with ("70" of "70's"), which say nothing on their own.</summary>
    public static (IReadOnlyList<string> Decades, IReadOnlyList<string> Written) OfQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var decades = new List<string>();
        var written = new List<string>();
        foreach (Match m in Decade().Matches(question))
        {
            decades.Add(Term(m));
            written.Add(AsWritten(m.Value));
        }

        return (decades, written);
    }

    /// <summary>The word the keyword terms hold for a decade expression: "70" of "70's", "80s" of "’80s", "1970s" of "1970s".</summary>
    private static string AsWritten(string expression)
    {
        var value = expression.TrimStart('\'', '’');
        return value.EndsWith("'s", StringComparison.Ordinal) || value.EndsWith("’s", StringComparison.Ordinal) ? value[..^2] : value;
    }

    /// <summary>The decade terms of a sentence: one for each decade expression and each year in it.</summary>
    public static IEnumerable<string> OfSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        foreach (Match m in Decade().Matches(sentence))
        {
            yield return Term(m);
        }

        foreach (Match m in Year().Matches(sentence))
        {
            yield return m.Groups["century"].Value + m.Groups["decade"].Value + "0s";
        }
    }

    // A two-digit decade ("the 70's") is read as the twentieth century's, as people write it.
    private static string Term(Match m) =>
        (m.Groups["century"].Success ? m.Groups["century"].Value : "19") + m.Groups["decade"].Value + "0s";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])['’]?(?<century>1\d|20)?(?<decade>\d)0['’]?s(?![\p{L}\p{N}])")]
    private static partial Regex Decade();

    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])(?<century>1[0-9]|20)(?<decade>\d)\d(?![\p{L}\p{N}]|[.,]\d)")]
    private static partial Regex Year();
}
