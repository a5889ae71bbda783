using Microsoft.Extensions.AI;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// Serves the lab's cached vectors under MiniLM's identity (<paramref name="modelId"/>: fp32 or int8), so a router
/// cache the lab writes is the one <c>eval routing --router-cache</c> of the same data and options reads.
/// </summary>
internal sealed class LabEmbeddingGenerator(LabData data, string modelId) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("embedded-minilm", null, modelId, Orchestrator.Models.MiniLmEmbeddingGenerator.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(data.Vector(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }
}
