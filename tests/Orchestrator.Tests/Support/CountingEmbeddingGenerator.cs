using Microsoft.Extensions.AI;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Counts the texts passed to a real embedder (Microsoft.Extensions.AI's own decorator base).
/// Never dispose it around the shared embedder: disposing a delegating generator disposes its inner one.
/// </summary>
internal sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _texts;

    public int TextsEmbedded => Volatile.Read(ref _texts);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _texts, list.Count);
        return base.GenerateAsync(list, options, cancellationToken);
    }
}
