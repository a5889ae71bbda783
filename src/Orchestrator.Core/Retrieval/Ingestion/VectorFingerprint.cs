using Microsoft.Extensions.AI;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// The fingerprint the ingestor stores per document: the content's SHA-256 and the model id of the
/// embedder that made its vectors, as <c>sha256@model-id</c>. Stores record only a collection's vector
/// width, and two embedders of the same width (the fp32 and int8 MiniLM: 384) make vectors that must not
/// be mixed in one collection; with the id in the fingerprint, a document embedded by another model reads
/// as changed, so the next ingest re-embeds it. An embedder that reports no id keeps the bare SHA-256,
/// which is also what stores written before this record hold (their embedder is unknown, so they are re-embedded once).
/// </summary>
internal static class VectorFingerprint
{
    private const char Separator = '@';

    /// <summary>The model id the embedder reports, or null when it reports none.</summary>
    public static string? EmbedderId(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { Length: > 0 } id ? id : null;

    public static string Of(string contentSha256, string? embedderId) =>
        embedderId is null ? contentSha256 : contentSha256 + Separator + embedderId;

    /// <summary>The embedder recorded in a stored fingerprint; null for a bare SHA-256 (no id, or written before ids were recorded).</summary>
    public static string? EmbedderOf(string fingerprint)
    {
        var at = fingerprint.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? null : fingerprint[(at + 1)..];
    }

    /// <summary>The collection's documents whose vectors were not made by <paramref name="embedderId"/>, in source order.</summary>
    public static async Task<IReadOnlyList<SourceInfo>> OtherEmbedderSourcesAsync(IVectorStore store, string collection, string? embedderId, CancellationToken cancellationToken)
    {
        var sources = await store.ListSourcesAsync(collection, cancellationToken).ConfigureAwait(false);
        return [.. sources.Where(s => !string.Equals(EmbedderOf(s.ContentSha256), embedderId, StringComparison.Ordinal)).OrderBy(s => s.Source, StringComparer.Ordinal)];
    }
}
