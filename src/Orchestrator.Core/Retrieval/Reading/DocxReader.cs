using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// Word documents via DocumentFormat.OpenXml. Paragraphs styled Heading1..Heading9 (by style id,
/// or by style name "heading n" for documents whose style ids are localised) build the heading path.
/// </summary>
public sealed partial class DocxReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var document = WordprocessingDocument.Open(path, isEditable: false);
        var mainPart = document.MainDocumentPart ?? throw new InvalidDataException("the document has no main part");
        var body = mainPart.Document?.Body ?? throw new InvalidDataException("the document has no body");
        var levels = HeadingLevelsByStyleId(mainPart);
        var headings = new HeadingStack();
        var blocks = new List<DocumentBlock>();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = TextNormalizer.CollapseWhitespace(paragraph.InnerText);
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            if (styleId is not null && (levels.TryGetValue(styleId, out var level) || TryParseLevel(styleId, out level)))
            {
                headings.Push(level, text);
            }
            else if (text.Length > 0)
            {
                blocks.Add(new DocumentBlock(headings.Path, text));
            }
        }

        return Task.FromResult<IReadOnlyList<DocumentBlock>>(blocks);
    }

    private static Dictionary<string, int> HeadingLevelsByStyleId(MainDocumentPart mainPart)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var styles = mainPart.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            if (style.StyleId?.Value is { } id && style.StyleName?.Val?.Value is { } name && TryParseLevel(name, out var level))
            {
                levels[id] = level;
            }
        }

        return levels;
    }

    private static bool TryParseLevel(string styleIdOrName, out int level)
    {
        var match = HeadingStyle().Match(styleIdOrName);
        level = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    [GeneratedRegex(@"^heading\s?([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();
}
