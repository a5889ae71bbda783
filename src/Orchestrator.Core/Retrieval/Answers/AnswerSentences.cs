using System.Text.RegularExpressions;
using Orchestrator.Retrieval.Chunking;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// Turns a chunk into the sentences an answer may quote. Readers keep document structure as
/// text (Markdown tables, bullets, bold, headings glued to the next line by PDF layout), and a
/// quote of that structure reads as noise. So table rows become "key: value" sentences, list and
/// emphasis markers go, and heading lines or heading prefixes are dropped. The words stay the
/// document's own, in its order, so an answer remains a checkable quote.
/// </summary>
internal static partial class AnswerSentences
{
    private const int MaxHeadingWords = 6;

    public static IReadOnlyList<string> FromChunk(string text, string? locator) => FromChunkWithLines(text, locator).Sentences;

    /// <summary>
    /// The same sentences, each with the index of the line it comes from. Readers keep a list item
    /// or a paragraph as one line (Markdown markers are already gone from stored chunks), so
    /// sentences that share a line belong to one point; a table row is a line of its own.
    /// </summary>
    public static (IReadOnlyList<string> Sentences, IReadOnlyList<int> Lines) FromChunkWithLines(string text, string? locator)
    {
        ArgumentNullException.ThrowIfNull(text);
        var heading = LastHeading(locator);
        var sentences = new List<string>();
        var lineOf = new List<int>();
        var lines = text.Split('\n').SelectMany(UnflattenTable).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (IsTableRow(lines[i]))
            {
                var start = i;
                while (i + 1 < lines.Length && IsTableRow(lines[i + 1]))
                {
                    i++;
                }

                var rowLine = start;
                foreach (var row in TableSentences(lines[start..(i + 1)]))
                {
                    sentences.Add(row);
                    lineOf.Add(rowLine++);
                }

                continue;
            }

            var line = lines[i].Trim();
            if (line.StartsWith('#'))
            {
                continue; // a Markdown heading: the locator already says where the answer comes from
            }

            foreach (var sentence in SentenceSplitter.Split(StripMarkup(line)).SelectMany(SplitInlineBullets))
            {
                var cleaned = StripGluedHeading(StripHeadingPrefix(StripMarkup(sentence), heading));
                if (IsQuotable(cleaned))
                {
                    sentences.Add(cleaned);
                    lineOf.Add(i);
                }
            }
        }

        return (sentences, lineOf);
    }

    /// <summary>Readers flatten a table into one line, "| a | b | |---|---| | c | d |"; the rows meet at "| |".</summary>
    private static IEnumerable<string> UnflattenTable(string line) =>
        IsTableRow(line) ? RowBoundary().Split(line.Trim()) : [line];

    /// <summary>Removes list markers and emphasis; keeps the words.</summary>
    internal static string StripMarkup(string line)
    {
        var s = ListMarker().Replace(line.Trim(), "");
        s = s.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        if (s.Length > 2 && s[0] == '*' && s[^1] == '*')
        {
            s = s[1..^1]; // an italic line such as "*Owner: People Team ...*"
        }

        return s.Trim();
    }

    private static bool IsTableRow(string line)
    {
        var t = line.Trim();
        return t.Length > 2 && t[0] == '|' && t[^1] == '|';
    }

    private static bool IsSeparatorRow(string line) => SeparatorRow().IsMatch(line.Trim());

    private static List<string> Cells(string row) =>
        [.. row.Trim().Trim('|').Split('|').Select(c => StripMarkup(c))];

    /// <summary>Each data row as "first cell: second cell; header: cell ..." so a row reads as one statement.</summary>
    private static IEnumerable<string> TableSentences(string[] rows)
    {
        var hasHeader = rows.Length > 1 && IsSeparatorRow(rows[1]);
        var header = hasHeader ? Cells(rows[0]) : [];
        foreach (var row in rows.Skip(hasHeader ? 2 : 0).Where(r => !IsSeparatorRow(r)))
        {
            var cells = Cells(row);
            if (cells.Count == 0 || cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var text = cells.Count == 1 ? cells[0] : $"{cells[0]}: {cells[1]}";
            for (var c = 2; c < cells.Count; c++)
            {
                if (cells[c].Length > 0)
                {
                    text += c < header.Count && header[c].Length > 0 ? $"; {header[c]}: {cells[c]}" : $"; {cells[c]}";
                }
            }

            text = text.TrimEnd();
            yield return text.Length > 0 && text[^1] is '.' or '!' or '?' ? text : text + ".";
        }
    }

    /// <summary>PDF text flattens a list into one line: "... city tier: - Tier 1 - ... - Tier 2 - ...". Each item is a sentence of its own.</summary>
    private static IEnumerable<string> SplitInlineBullets(string sentence) =>
        InlineBullet().Split(sentence).Select(p => p.Trim()).Where(p => p.Length > 0);

    /// <summary>
    /// A heading flattened into the sentence after it: "Booking - Book all flights ...", "Per diem For
    /// overnight trips ...", "Hotels Hotel rates are ...". Only a short heading without figures is
    /// dropped, and only before a word that starts a sentence or repeats the heading's word.
    /// </summary>
    internal static string StripGluedHeading(string sentence)
    {
        var m = GluedHeading().Match(sentence);
        if (!m.Success)
        {
            return sentence;
        }

        var head = m.Groups["head"].Value;
        var next = m.Groups["next"].Value;
        var dashed = m.Groups["dash"].Success;
        var startsSentence = SentenceStarters.Contains(next);
        var repeatsHeading = next.Length >= 4 && head.Split(' ').Any(w => w.Length >= 4 && string.Equals(w[..4], next[..4], StringComparison.OrdinalIgnoreCase));
        return dashed || startsSentence || repeatsHeading ? sentence[m.Groups["next"].Index..] : sentence;
    }

    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "You", "The", "A", "An", "All", "Every", "Each", "If", "When", "For", "Use", "This", "These", "Our", "We", "Your", "It", "Any", "No", "Do", "Contact", "Ask", "Cancel", "Book", "Tell", "Please",
    };

    /// <summary>PDF layout joins a heading to the first line under it ("Hotels Hotel rates are ..."); the heading is not part of the sentence.</summary>
    private static string StripHeadingPrefix(string sentence, string? heading)
    {
        if (heading is null || sentence.Length <= heading.Length + 1 || !sentence.StartsWith(heading + " ", StringComparison.Ordinal))
        {
            return sentence;
        }

        var rest = sentence[(heading.Length + 1)..].TrimStart();
        return rest.Length > 0 && (char.IsUpper(rest[0]) || char.IsDigit(rest[0])) ? rest : sentence;
    }

    /// <summary>Drops fragments with no words and heading-like lines: short, no verb punctuation, no figures.</summary>
    private static bool IsQuotable(string sentence)
    {
        if (!sentence.Any(char.IsLetter))
        {
            return false;
        }

        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var endsLikeSentence = sentence[^1] is '.' or '!' or '?' or ':' or ';' or ')';
        return endsLikeSentence || words > MaxHeadingWords || sentence.Any(char.IsDigit);
    }

    private static string? LastHeading(string? locator)
    {
        if (string.IsNullOrWhiteSpace(locator))
        {
            return null;
        }

        var last = locator.Split(" > ")[^1];
        var page = last.IndexOf(" (", StringComparison.Ordinal);
        last = (page > 0 ? last[..page] : last).Trim();
        return last.Length == 0 || last.StartsWith("page", StringComparison.OrdinalIgnoreCase) ? null : last;
    }

    [GeneratedRegex(@"(?<=\|)\s+(?=\|)")]
    private static partial Regex RowBoundary();

    [GeneratedRegex(@"(?<=[.:;!?])\s+[-•]\s+")]
    private static partial Regex InlineBullet();

    [GeneratedRegex(@"^(?<head>\p{Lu}\p{Ll}+(?: (?:\p{Ll}+|&)){0,3})(?: (?<dash>-))? (?<next>\p{Lu}[\p{L}-]*) \p{L}")]
    private static partial Regex GluedHeading();

    [GeneratedRegex(@"^(?:[-*+•]\s+|\d{1,2}[.)]\s+)")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex SeparatorRow();
}
