using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Orchestrator.Retrieval.Reading;

/// <summary>PDF via PdfPig: text in content order, one block per paragraph, with its page number as locator.</summary>
public sealed class PdfReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var blocks = new List<DocumentBlock>();
        using var document = PdfDocument.Open(path);
        foreach (var page in document.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = ContentOrderTextExtractor.GetText(page);
            if (string.IsNullOrWhiteSpace(text))
            {
                text = page.Text;
            }

            blocks.AddRange(TextNormalizer.Paragraphs(text).Select(p => new DocumentBlock([], p, page.Number)));
        }

        return Task.FromResult<IReadOnlyList<DocumentBlock>>(blocks);
    }
}
