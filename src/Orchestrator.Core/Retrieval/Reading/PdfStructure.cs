using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// Turns a PDF's printed lines into paragraphs under headings, as the other readers do from their markup.
/// A PDF has no heading markup, so the type says it: the body size is the point size most letters have, and a
/// short line set larger than the body, or all in bold, is a heading (larger sizes rank higher; a heading that
/// wraps is one heading). A line that repeats at the top or bottom of most pages (a running header or footer,
/// page numbers aside) is left out. Body lines join into one paragraph until a heading, a page, or a gap wider
/// than the usual line spacing.
/// </summary>
internal static partial class PdfStructure
{
    /// <summary>A line this much larger than the body (or bold) may be a heading.</summary>
    private const double HeadingSizeRatio = 1.15;

    private const int MaxHeadingLength = 120;
    private const int MaxHeadingWords = 16;

    public static List<DocumentBlock> Blocks(IReadOnlyList<List<PdfLine>> pages)
    {
        var lines = WithoutRunningLines(pages);
        if (lines.Count == 0)
        {
            return [];
        }

        var body = BodySize(lines);
        var headings = lines.Where(l => IsHeadingLike(l, body)).ToHashSet();
        if (headings.Count * 2 > lines.Count)
        {
            headings.Clear(); // slides or a type specimen: the sizes say nothing about structure
        }

        var levels = headings.Select(Style).Distinct().OrderByDescending(s => s.Size).ThenByDescending(s => s.Bold).ToList();
        var spacing = BodySpacing(lines, headings);
        var blocks = new List<DocumentBlock>();
        var stack = new HeadingStack();
        var paragraph = new List<PdfLine>();
        PdfLine? previous = null;
        foreach (var line in lines)
        {
            if (headings.Contains(line))
            {
                Flush(paragraph, stack, blocks);
                var wraps = previous is not null && headings.Contains(previous) && Style(previous) == Style(line)
                    && previous.Page == line.Page && previous.Baseline - line.Baseline is > 0 and var gap && gap <= line.Size * 1.6;
                var title = wraps ? stack.Path[^1] + " " + line.Text : line.Text;
                stack.Push(levels.IndexOf(Style(line)) + 1, title);
            }
            else
            {
                if (previous is not null && paragraph.Count > 0 && Breaks(previous, line, spacing))
                {
                    Flush(paragraph, stack, blocks);
                }

                paragraph.Add(line);
            }

            previous = line;
        }

        Flush(paragraph, stack, blocks);
        return blocks;
    }

    private static (double Size, bool Bold) Style(PdfLine line) => (line.Size, line.Bold);

    private static bool IsHeadingLike(PdfLine line, double body) =>
        line.Text.Length <= MaxHeadingLength
        && line.Text.Split(' ').Length <= MaxHeadingWords
        && line.Text.Any(char.IsLetter)
        && !line.Text.EndsWith('.') && !line.Text.EndsWith(',') && !line.Text.EndsWith(';')
        && line.Text[0] is not ('-' or '•' or '*' or '–' or '·')
        && (line.Size >= body * HeadingSizeRatio || (line.Bold && line.Size >= body * 0.95));

    /// <summary>A new paragraph: another page, a jump back up (the next column) or a gap wider than the usual spacing.</summary>
    private static bool Breaks(PdfLine previous, PdfLine line, double spacing) =>
        previous.Page != line.Page
        || previous.Baseline - line.Baseline is var gap && (gap <= 0 || gap > spacing * 1.5);

    private static void Flush(List<PdfLine> paragraph, HeadingStack stack, List<DocumentBlock> blocks)
    {
        if (paragraph.Count == 0)
        {
            return;
        }

        var text = TextNormalizer.CollapseWhitespace(string.Join(' ', paragraph.Select(l => l.Text)));
        blocks.Add(new DocumentBlock(stack.Path, text, paragraph[0].Page));
        paragraph.Clear();
    }

    /// <summary>The point size most letters of the kept lines have.</summary>
    private static double BodySize(List<PdfLine> lines) =>
        lines.GroupBy(l => l.Size).Select(g => (Size: g.Key, Letters: g.Sum(l => l.Text.Length))).MaxBy(g => g.Letters).Size;

    /// <summary>The median distance between consecutive body lines of a page: paragraphs are what lies further apart.</summary>
    private static double BodySpacing(List<PdfLine> lines, HashSet<PdfLine> headings)
    {
        var gaps = lines.Zip(lines.Skip(1))
            .Where(p => p.First.Page == p.Second.Page && !headings.Contains(p.First) && !headings.Contains(p.Second))
            .Select(p => p.First.Baseline - p.Second.Baseline)
            .Where(g => g > 0)
            .Order()
            .ToList();
        return gaps.Count == 0 ? double.MaxValue : gaps[gaps.Count / 2];
    }

    /// <summary>
    /// The lines without running headers and footers: a line among the first or last two of a page whose text,
    /// digits aside, comes back in that place on at least two pages and half of them; and lone page numbers there.
    /// </summary>
    private static List<PdfLine> WithoutRunningLines(IReadOnlyList<List<PdfLine>> pages)
    {
        var edges = pages.SelectMany(p => p.Take(2).Concat(p.TakeLast(2)).Distinct()).ToHashSet();
        var repeats = edges.GroupBy(l => Shape(l.Text)).Where(g => g.Select(l => l.Page).Distinct().Count() is var n && n >= 2 && n * 2 >= pages.Count)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. pages.SelectMany(p => p).Where(l => !edges.Contains(l) || !(repeats.Contains(Shape(l.Text)) || PageNumber().IsMatch(l.Text)))];
    }

    private static string Shape(string text) => Digits().Replace(text.ToLowerInvariant(), "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
