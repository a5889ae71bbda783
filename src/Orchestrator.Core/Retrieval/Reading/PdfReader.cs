using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// PDF via PdfPig: paragraphs under the headings the type shows (<see cref="PdfStructure"/>), each with its page
/// number as locator. A page whose letters give no lines falls back to PdfPig's text, one block per paragraph.
/// </summary>
public sealed class PdfReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var laidOut = new List<List<PdfLine>>();
        var plain = new List<DocumentBlock>();
        using var document = PdfDocument.Open(path);
        foreach (var page in document.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = PdfPageLines.Read(page);
            if (lines.Count > 0)
            {
                laidOut.Add(lines);
                continue;
            }

            var text = ContentOrderTextExtractor.GetText(page);
            if (string.IsNullOrWhiteSpace(text))
            {
                text = page.Text;
            }

            plain.AddRange(TextNormalizer.Paragraphs(text).Select(p => new DocumentBlock([], p, page.Number)));
        }

        var blocks = laidOut.Count == 0 ? [] : PdfStructure.Blocks(laidOut);
        IReadOnlyList<DocumentBlock> all = plain.Count == 0 ? blocks : [.. blocks.Concat(plain).OrderBy(b => b.Page)];
        return Task.FromResult(all);
    }
}
