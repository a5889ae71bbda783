using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Tests.Retrieval;

public sealed class SentenceVectorCacheTests
{
    [Fact]
    public async Task Only_unseen_sentences_are_embedded_and_order_is_kept()
    {
        var embedder = new CountingEmbedder();
        var cache = new SentenceVectorCache(capacity: 100);

        await cache.EmbedAsync(embedder, ["a", "bb"], CancellationToken.None);
        var vectors = await cache.EmbedAsync(embedder, ["bb", "ccc", "a", "ccc"], CancellationToken.None);

        Assert.Equal(["a", "bb", "ccc"], embedder.Embedded);
        Assert.Equal([2f, 3f, 1f, 3f], vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task A_full_cache_is_cleared_and_a_zero_capacity_cache_keeps_nothing()
    {
        var embedder = new CountingEmbedder();
        var small = new SentenceVectorCache(capacity: 2);
        var none = new SentenceVectorCache(capacity: 0);

        await small.EmbedAsync(embedder, ["a", "bb"], CancellationToken.None);
        await small.EmbedAsync(embedder, ["ccc"], CancellationToken.None); // over capacity: cleared, then holds "ccc"
        await small.EmbedAsync(embedder, ["a"], CancellationToken.None);
        await none.EmbedAsync(embedder, ["x"], CancellationToken.None);
        await none.EmbedAsync(embedder, ["x"], CancellationToken.None);

        Assert.Equal(["a", "bb", "ccc", "a", "x", "x"], embedder.Embedded);
    }

    /// <summary>Embeds a text as the one-dimensional vector [length] and records what it was asked for.</summary>
    private sealed class CountingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Embedded { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Embedded.AddRange(list);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(v => new Embedding<float>(new float[] { v.Length }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
