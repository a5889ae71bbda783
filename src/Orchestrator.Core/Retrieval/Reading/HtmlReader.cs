using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// HTML via AngleSharp. Scripts, styles and navigation are dropped; h1-h6 build the heading path;
/// every block element without nested blocks becomes a paragraph, and loose inline text between
/// blocks is gathered into paragraphs of its own.
/// </summary>
public sealed class HtmlReader : IDocumentReader
{
    private static readonly HashSet<string> Dropped = ["script", "style", "nav", "noscript", "template", "svg", "head"];

    private static readonly HashSet<string> BlockTags =
    [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "li", "ul", "ol", "table", "tr",
        "td", "th", "thead", "tbody", "tfoot", "pre", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
        "caption", "form", "fieldset", "address", "details", "summary", "body", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6",
    ];

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    public async Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var html = await TextNormalizer.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(html);
    }

    internal static IReadOnlyList<DocumentBlock> Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(string.Join(",", Dropped)).ToList())
        {
            element.Remove();
        }

        var blocks = new List<DocumentBlock>();
        if (document.Body is { } body)
        {
            Walk(body, new HeadingStack(), blocks);
        }

        return blocks;
    }

    private static void Walk(IElement element, HeadingStack headings, List<DocumentBlock> blocks)
    {
        var inline = new List<string>();

        void FlushInline()
        {
            var text = TextNormalizer.CollapseWhitespace(string.Join(" ", inline));
            inline.Clear();
            if (text.Length > 0)
            {
                blocks.Add(new DocumentBlock(headings.Path, text));
            }
        }

        foreach (var node in element.ChildNodes)
        {
            if (node is not IElement child)
            {
                if (node.NodeType == NodeType.Text)
                {
                    inline.Add(node.TextContent);
                }

                continue;
            }

            var tag = child.LocalName;
            if (!BlockTags.Contains(tag))
            {
                inline.Add(child.TextContent);
                continue;
            }

            FlushInline();
            if (HeadingLevel(tag) is { } level)
            {
                headings.Push(level, TextNormalizer.CollapseWhitespace(child.TextContent));
            }
            else if (!HasBlockDescendant(child))
            {
                var text = TextNormalizer.CollapseWhitespace(child.TextContent);
                if (text.Length > 0)
                {
                    blocks.Add(new DocumentBlock(headings.Path, text));
                }
            }
            else
            {
                Walk(child, headings, blocks);
            }
        }

        FlushInline();
    }

    private static int? HeadingLevel(string tag) =>
        tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6' ? tag[1] - '0' : null;

    private static bool HasBlockDescendant(IElement element) =>
        element.Descendants<IElement>().Any(e => BlockTags.Contains(e.LocalName));
}
