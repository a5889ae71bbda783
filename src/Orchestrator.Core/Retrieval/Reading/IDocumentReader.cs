namespace Orchestrator.Retrieval.Reading;

/// <summary>Turns one file format into structured blocks. Throws on unreadable input; the caller turns that into a skip.</summary>
public interface IDocumentReader
{
    /// <summary>Lower-case extensions with the dot, e.g. ".md".</summary>
    IReadOnlyList<string> Extensions { get; }

    Task<IReadOnlyList<DocumentBlock>> ReadAsync(string path, CancellationToken cancellationToken = default);
}
