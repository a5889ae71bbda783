using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Routing.Background;

/// <summary>
/// The built-in background set is the same few hundred utterances in every fit, so a process that
/// fits many routers (a test run, a host with several assistants, a config reload) embeds them once
/// per embedding model instead of once per fit. Only embedders that name their model are memoised:
/// the same model id gives the same vectors, whereas an anonymous embedder might not.
/// </summary>
internal static class BackgroundVectorMemo
{
    // A handful of models at most in one process; the bounds keep a misbehaving host from growing it.
    private const int MaxModels = 8;
    private const int MaxTextsPerModel = 4_096;
    private static readonly ConcurrentDictionary<string, SentenceVectorCache> ByModel = new(StringComparer.Ordinal);

    public static async Task<float[][]> EmbedAsync(
        IReadOnlyList<string> texts, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var key = metadata is { ProviderName: { Length: > 0 } provider, DefaultModelId: { Length: > 0 } model }
            ? $"{provider}/{model}/{metadata.DefaultModelDimensions}"
            : null;
        var cache = key is null ? null
            : ByModel.TryGetValue(key, out var known) ? known
            : ByModel.Count < MaxModels ? ByModel.GetOrAdd(key, _ => new SentenceVectorCache(MaxTextsPerModel))
            : null;
        if (cache is null)
        {
            return await embedder.EmbedManyAsync(texts, cancellationToken).ConfigureAwait(false);
        }

        // The cache hands out the vectors it keeps; the fit gets copies it may change freely.
        var vectors = await cache.EmbedAsync(embedder, texts, cancellationToken).ConfigureAwait(false);
        return [.. vectors.Select(v => (float[])v.Clone())];
    }
}
