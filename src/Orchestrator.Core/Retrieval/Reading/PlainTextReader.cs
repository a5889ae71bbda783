namespace Orchestrator.Retrieval.Reading;

/// <summary>Plain text: paragraphs at blank lines, no headings.</summary>
public sealed class PlainTextReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public async Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await TextNormalizer.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return TextNormalizer.Paragraphs(text).Select(p => new DocumentBlock([], p)).ToList();
    }
}
