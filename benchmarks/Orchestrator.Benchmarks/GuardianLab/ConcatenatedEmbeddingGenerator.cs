using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>Two encoders' vectors side by side, each half unit length (as the `router-encoders` run's "both").</summary>
internal sealed class ConcatenatedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> first, IEmbeddingGenerator<string, Embedding<float>> second) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("concatenated", null, "all-MiniLM-L6-v2+snowflake-arctic-embed-xs", 768);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        var a = await first.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        var b = await second.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        return new GeneratedEmbeddings<Embedding<float>>(a.Select((e, i) => new Embedding<float>(VectorMath.Normalize([.. VectorMath.Normalize(e.Vector.ToArray()), .. VectorMath.Normalize(b[i].Vector.ToArray())]))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The two generators belong to the caller.
    }
}
