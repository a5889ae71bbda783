using Microsoft.Extensions.AI;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>Serves the lab's cached vectors under MiniLM's identity, so the router cache key matches a real MiniLM fit's inputs.</summary>
internal sealed class LabEmbeddingGenerator(LabData data) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("router-lab", null, "router-lab-minilm", 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(data.Vector(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }
}
