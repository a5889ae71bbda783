using Microsoft.Extensions.AI;

namespace Orchestrator.Models;

public static class EmbeddingGeneratorExtensions
{
    /// <summary>Embeds many texts and returns raw vectors in input order.</summary>
    public static async Task<float[][]> EmbedManyAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator,
        IReadOnlyList<string> texts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (texts.Count == 0)
        {
            return [];
        }

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        return embeddings.Select(e => e.Vector.ToArray()).ToArray();
    }

    /// <summary>Embeds one text.</summary>
    public static async Task<float[]> EmbedOneAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator,
        string text,
        CancellationToken cancellationToken = default)
    {
        var vectors = await generator.EmbedManyAsync([text], cancellationToken).ConfigureAwait(false);
        return vectors[0];
    }
}
