using Microsoft.Extensions.AI;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>Wraps the shared MiniLM embedder and counts the texts it was asked to embed.</summary>
internal sealed class CountingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _embedded;

    public int Embedded => Volatile.Read(ref _embedded);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _embedded, list.Count);
        return SharedEmbedder.Instance.GenerateAsync(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => SharedEmbedder.Instance.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The shared embedder outlives every wrapper.
    }
}
