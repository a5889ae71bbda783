using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
namespace Orchestrator.Models;

/// <summary>
/// Remembers sentence embeddings across calls: only texts it has not seen go to the embedder, in
/// one batch, and results come back in input order. Answer scoring uses it (questions about one
/// topic retrieve the same chunks over and over), and so does the router for its built-in
/// background set. Bounded: when full, it is simply cleared, which is cheaper to get right than LRU
/// bookkeeping. The embedder is passed per call, so a cache outlives the embedder instances that
/// fill it; every call must use the same model.
/// </summary>
internal sealed class SentenceVectorCache(int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> sentences, CancellationToken cancellationToken)
    {
        // Take each vector into a local map first, so a concurrent Clear cannot pull one away mid-call.
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (!known.ContainsKey(sentence) && _vectors.TryGetValue(sentence, out var cached))
            {
                known[sentence] = cached;
            }
        }

        var missing = sentences.Where(s => !known.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        var fresh = await embedder.EmbedManyAsync(missing, cancellationToken).ConfigureAwait(false);
        if (_vectors.Count + missing.Count > capacity)
        {
            _vectors.Clear();
        }

        for (var i = 0; i < missing.Count; i++)
        {
            known[missing[i]] = fresh[i];
            if (capacity > 0)
            {
                _vectors.TryAdd(missing[i], fresh[i]);
            }
        }

        return sentences.Select(s => known[s]).ToArray();
    }
}
