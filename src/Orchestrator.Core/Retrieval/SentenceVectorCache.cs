using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Retrieval;

/// <summary>
/// Remembers sentence embeddings across questions. Questions about one topic retrieve the same
/// chunks over and over, and embedding their sentences is most of a question's cost. Bounded:
/// when full, it is simply cleared, which is cheaper to get right than LRU bookkeeping.
/// </summary>
internal sealed class SentenceVectorCache(IEmbeddingGenerator<string, Embedding<float>> embedder, int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> sentences, CancellationToken cancellationToken)
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
