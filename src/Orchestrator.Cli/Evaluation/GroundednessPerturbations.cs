using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Makes the groundedness eval's cases from a SQuAD paragraph: its sentences that hold a gold
/// answer, and perturbed copies of them that a grounded-answer check must reject: a name swapped
/// for another name (of the same paragraph when it has one, so only the relation is wrong), two
/// numbers exchanged (or one replaced by another number of the paragraph).
/// </summary>
internal static partial class GroundednessPerturbations
{
    /// <summary>Sentences: split after . ! ? followed by a space and a capital, a digit or a quote.</summary>
    public static List<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    public static string? SwapName(string sentence, string paragraph, IReadOnlyList<string> otherNames)
    {
        var names = Names(sentence).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var target = names[0];
        var replacement = NamesOf(paragraph).Concat(otherNames)
            .FirstOrDefault(n => !sentence.Contains(n, StringComparison.Ordinal) && !n.Contains(target.Value, StringComparison.Ordinal) && !target.Value.Contains(n, StringComparison.Ordinal));
        return replacement is null ? null : string.Concat(sentence.AsSpan(0, target.Index), replacement, sentence.AsSpan(target.Index + target.Length));
    }

    /// <summary>Names of a text: runs of capitalised words that do not start a sentence.</summary>
    public static IEnumerable<string> NamesOf(string text) => Names(text).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    public static string? MixNumbers(string sentence, string paragraph)
    {
        var numbers = NumberPattern().Matches(sentence).ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        var distinct = numbers.GroupBy(m => m.Value, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (distinct.Count >= 2)
        {
            var (a, b) = (distinct[0], distinct[1]);
            return sentence[..a.Index] + b.Value + sentence[(a.Index + a.Length)..b.Index] + a.Value + sentence[(b.Index + b.Length)..];
        }

        var only = distinct[0];
        var other = NumberPattern().Matches(paragraph).Select(m => m.Value).FirstOrDefault(v => v != only.Value && Comparable(v, only.Value));
        return other is null ? null : string.Concat(sentence.AsSpan(0, only.Index), other, sentence.AsSpan(only.Index + only.Length));
    }

    /// <summary>A year for a year, a count for a count: the same number of digits, so the swap is plausible.</summary>
    private static bool Comparable(string a, string b) => (a.Length == 4) == (b.Length == 4);

    private static IEnumerable<Match> Names(string text) =>
        NamePattern().Matches(text).Where(m => m.Index > 0 && !SentenceStart(text, m.Index));

    private static bool SentenceStart(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] is ' ' or '"' or '(')
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?';
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9""])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\p{Lu}\p{Ll}+( (of |de |von |van )?\p{Lu}\p{Ll}+)*", RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?", RegexOptions.NonBacktracking)]
    private static partial Regex NumberPattern();
}
