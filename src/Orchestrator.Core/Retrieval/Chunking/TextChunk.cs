namespace Orchestrator.Retrieval.Chunking;

/// <summary>
/// A chunk ready for the store. <paramref name="Text"/> is what users see and cite;
/// <paramref name="EmbeddingText"/> adds the heading path in front so headings help retrieval.
/// </summary>
public sealed record TextChunk(int Ordinal, string Locator, string Text, string EmbeddingText);
