using System.Buffers;
using System.Globalization;

namespace Orchestrator.Retrieval.QueryRewriting;

/// <summary>
/// The previous turn's phrase that a follow-up's "in Paris" replaces: in the last clause (clauses end at
/// <c>, . ; : ! ?</c>) that has one, from the first "in" (a whole word followed by white space and more
/// text) to the end of that clause. This is what the right-to-left regex <c>\bin\s+[^,.;:!?]+</c> found; it
/// ran with a 100 ms timeout, so on a loaded machine a follow-up could go unrewritten. Plain string code
/// takes linear time and needs no timeout.
/// </summary>
internal static class PrepositionalPhrase
{
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create(",.;:!?");

    /// <summary>The start and length of the phrase, or null when no clause of <paramref name="text"/> has one.</summary>
    public static (int Start, int Length)? FindLast(string text, string preposition)
    {
        var end = text.Length;
        while (true)
        {
            var clauseStart = text.AsSpan(0, end).LastIndexOfAny(ClauseEnds) + 1;
            if (FirstIn(text, clauseStart, end, preposition) is { } start)
            {
                return (start, end - start);
            }

            if (clauseStart == 0)
            {
                return null;
            }

            end = clauseStart - 1;
        }
    }

    private static int? FirstIn(string text, int from, int end, string preposition)
    {
        for (var at = from; at < end; at++)
        {
            at = text.IndexOf(preposition, at, end - at, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            // A whole word, then white space, then at least one more character of the clause.
            var after = at + preposition.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && after + 1 < end && char.IsWhiteSpace(text[after]))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>A character that makes <c>\b</c> fail before a letter: a letter, mark, decimal digit or connector, or a zero-width (non-)joiner.</summary>
    private static bool IsWordChar(char c) => c is '\u200C' or '\u200D' || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
}
