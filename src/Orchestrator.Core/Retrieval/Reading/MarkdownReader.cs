using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// Markdown: ATX headings (#..######) build the heading path; paragraphs end at blank lines.
/// Fenced code is kept as text but never parsed for headings. Inline markup is stripped so that
/// keyword search and sentence splitting see plain words.
/// </summary>
public sealed partial class MarkdownReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public async Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await TextNormalizer.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text);
    }

    internal static IReadOnlyList<DocumentBlock> Parse(string text)
    {
        var blocks = new List<DocumentBlock>();
        var headings = new HeadingStack();
        var paragraph = new StringBuilder();
        var inFence = false;

        void Flush()
        {
            var joined = paragraph.ToString().Trim();
            paragraph.Clear();
            if (joined.Length > 0)
            {
                blocks.Add(new DocumentBlock(headings.Path, StripInline(joined)));
            }
        }

        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            var heading = inFence ? null : AtxHeading().Match(line);
            if (heading is { Success: true })
            {
                Flush();
                headings.Push(heading.Groups[1].Length, StripInline(heading.Groups[2].Value.Trim()));
            }
            else if (line.Trim().Length == 0 && !inFence)
            {
                Flush();
            }
            else
            {
                // List items and code lines keep their own lines so each can end a sentence;
                // hard-wrapped prose lines are rejoined with a space.
                var isListItem = ListMarker().IsMatch(line.Trim());
                paragraph.Append(inFence || isListItem ? '\n' : ' ');
                paragraph.Append(inFence ? line : ListMarker().Replace(line.Trim(), ""));
            }
        }

        Flush();
        return blocks;
    }

    private static string StripInline(string text)
    {
        var withoutLinks = Link().Replace(text, "$1");
        var sb = new StringBuilder(withoutLinks.Length);
        foreach (var c in withoutLinks)
        {
            if (c is not ('*' or '`'))
            {
                sb.Append(c);
            }
        }

        var lines = sb.ToString().Split('\n').Select(TextNormalizer.CollapseWhitespace).Where(l => l.Length > 0);
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"^ {0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])\s+|^>\s?")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();
}
