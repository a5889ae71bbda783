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
    // A handful of models at most in one process; the bound keeps a misbehaving host from growing it.
    private const int MaxEntries = 8;
    private static readonly ConcurrentDictionary<string, Dictionary<string, float[]>> ByModel = new(StringComparer.Ordinal);

    public static async Task<float[][]> EmbedAsync(
        IReadOnlyList<string> texts, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (texts.Count == 0 || metadata?.ProviderName is not { Length: > 0 } provider || metadata.DefaultModelId is not { Length: > 0 } model)
        {
            return await EmbedAllAsync(texts, embedder, cancellationToken).ConfigureAwait(false);
        }

        var key = $"{provider}/{model}/{metadata.DefaultModelDimensions}";
        var known = ByModel.TryGetValue(key, out var memo) ? memo : null;
        var missing = texts.Where(t => known is null || !known.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var embedded = await EmbedAllAsync(missing, embedder, cancellationToken).ConfigureAwait(false);

            // Copy-on-write: readers never see a dictionary that is being filled.
            var next = known is null ? new Dictionary<string, float[]>(StringComparer.Ordinal) : new Dictionary<string, float[]>(known, StringComparer.Ordinal);
            for (var i = 0; i < missing.Count; i++)
            {
                next[missing[i]] = embedded[i];
            }

            if (ByModel.Count < MaxEntries || ByModel.ContainsKey(key))
            {
                ByModel[key] = next;
            }

            known = next;
        }

        return [.. texts.Select(t => (float[])known![t].Clone())];
    }

    private static Task<float[][]> EmbedAllAsync(IReadOnlyList<string> texts, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken) =>
        embedder.EmbedManyAsync(texts, cancellationToken);
}
