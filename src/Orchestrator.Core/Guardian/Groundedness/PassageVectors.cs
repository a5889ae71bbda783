using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.TextUnits;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// Vectors for a passage's comparison units: the ones stored at ingest when the passage carries
/// them, else remembered from an earlier check, else embedded now (in one batch) and remembered.
/// Bounded: when full the cache is cleared, which is cheaper to get right than LRU bookkeeping.
/// </summary>
internal sealed class PassageVectors(IEmbeddingGenerator<string, Embedding<float>> embedder, int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// A vector this passage set already has for exactly <paramref name="text"/>: stored with one of
    /// the passages, or remembered. A stored vector of another length than the embedder's (a passage
    /// built by hand, a store written by another model) is not used.
    /// </summary>
    public bool TryFind(IReadOnlyList<Passage> passages, string text, out float[] vector)
    {
        foreach (var passage in passages)
        {
            if (StoredVectors.Of(passage).TryGetValue(text, out var stored) && Fits(stored))
            {
                vector = stored;
                return true;
            }
        }

        if (_cache.TryGetValue(text, out var remembered))
        {
            vector = remembered;
            return true;
        }

        vector = [];
        return false;
    }

    public async ValueTask<float[][]> GetAsync(Passage passage, IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        var result = new float[units.Count][];
        var missing = new List<int>();
        var storedVectors = StoredVectors.Of(passage);
        for (var i = 0; i < units.Count; i++)
        {
            if ((storedVectors.TryGetValue(units[i], out var stored) && Fits(stored)) || _cache.TryGetValue(units[i], out stored))
            {
                result[i] = stored;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await embedder.EmbedManyAsync(missing.Select(i => units[i]).ToList(), cancellationToken).ConfigureAwait(false);
            if (_cache.Count + missing.Count > capacity)
            {
                _cache.Clear();
            }

            for (var k = 0; k < missing.Count; k++)
            {
                result[missing[k]] = fresh[k];
                if (capacity > 0)
                {
                    _cache.TryAdd(units[missing[k]], fresh[k]);
                }
            }
        }

        return result;
    }

    // The embedder's length when it says (the embedded MiniLM does); a vector of another length
    // would make every comparison throw, so it is embedded afresh instead.
    private bool Fits(float[] stored) =>
        stored.Length > 0 && (embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions is not { } dimensions || stored.Length == dimensions);
}
