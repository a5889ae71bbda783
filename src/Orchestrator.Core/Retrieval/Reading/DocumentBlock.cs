namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// One paragraph of a document with the headings above it. Readers produce these; the chunker
/// packs them. <paramref name="Page"/> is set by paged formats (PDF) so citations can say "page 3".
/// </summary>
public sealed record DocumentBlock(IReadOnlyList<string> HeadingPath, string Text, int? Page = null);
