using Microsoft.Extensions.AI;

namespace Orchestrator.Models.Batching;

/// <summary>Builder hooks in Microsoft.Extensions.AI style for the embedder decorators.</summary>
public static class EmbeddingGeneratorBuilderExtensions
{
    /// <summary>Gathers concurrent callers' texts into shared model calls (<see cref="MicroBatchingEmbeddingGenerator"/>).</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseMicroBatching(
        this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, MicroBatchingOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new MicroBatchingEmbeddingGenerator(inner, options, timeProvider));
    }

    /// <summary>Reuses vectors already computed in the current request (<see cref="RequestScopedEmbeddingGenerator"/>).</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseRequestScope(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RequestScopedEmbeddingGenerator(inner));
    }
}
