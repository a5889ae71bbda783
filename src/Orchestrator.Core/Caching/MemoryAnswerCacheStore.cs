using System.Collections.Concurrent;
using Orchestrator.Models;

namespace Orchestrator.Caching;

/// <summary>
/// Answers in process memory, at most <c>maxEntries</c> (the oldest leaves first). Near-duplicate
/// lookup is an exact scan over the scope's vectors: a scope is one tenant's questions to one agent,
/// a few thousand at most, and a dot product over them costs well under a millisecond.
/// </summary>
internal sealed class MemoryAnswerCacheStore(int maxEntries) : IAnswerCacheStore
{
    private readonly ConcurrentDictionary<string, CachedAnswer> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _age = new();
    private readonly ConcurrentDictionary<string, ScopeEntries> _byScope = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();

    public int Count => _byKey.Count;

    public ValueTask<CachedAnswer?> GetExactAsync(string exactKey, DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byKey.TryGetValue(exactKey, out var entry) && entry.ExpiresUtc > nowUtc ? entry : null);

    public ValueTask<(CachedAnswer Entry, double Similarity)?> FindSimilarAsync(string scope, float[] vector, double threshold, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        if (!_byScope.TryGetValue(scope, out var entries))
        {
            return ValueTask.FromResult<(CachedAnswer, double)?>(null);
        }

        CachedAnswer? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var entry in entries.Snapshot())
        {
            // A vector of another length (another embedder) is no candidate; the dot product would throw.
            if (entry.ExpiresUtc <= nowUtc || entry.Vector.Length != vector.Length || !_byKey.TryGetValue(entry.ExactKey, out var current) || !ReferenceEquals(current, entry))
            {
                continue;
            }

            var score = VectorMath.Dot(entry.Vector, vector);
            if (score > bestScore)
            {
                (best, bestScore) = (entry, score);
            }
        }

        return ValueTask.FromResult<(CachedAnswer, double)?>(best is not null && bestScore >= threshold ? (best, bestScore) : null);
    }

    /// <summary>
    /// Stores <paramref name="entry"/>, replacing an entry of the same key that expires earlier: after
    /// a re-ingest or once the old answer expired, the same question is answered (and cached) anew
    /// under the same exact key, and must not stay uncacheable until the old entry is pushed out.
    /// </summary>
    public ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken)
    {
        lock (_writeGate)
        {
            if (_byKey.TryGetValue(entry.ExactKey, out var existing))
            {
                if (existing.ExpiresUtc >= entry.ExpiresUtc)
                {
                    return ValueTask.CompletedTask;
                }

                _byKey[entry.ExactKey] = entry; // keeps its place in the age queue
                if (_byScope.TryGetValue(existing.Scope, out var previous))
                {
                    previous.Remove(existing);
                }

                _byScope.GetOrAdd(entry.Scope, _ => new ScopeEntries()).Add(entry);
                return ValueTask.CompletedTask;
            }

            _byKey[entry.ExactKey] = entry;
            _byScope.GetOrAdd(entry.Scope, _ => new ScopeEntries()).Add(entry);
            _age.Enqueue(entry.ExactKey);
            while (_byKey.Count > maxEntries && _age.TryDequeue(out var oldest))
            {
                if (_byKey.TryRemove(oldest, out var removed) && _byScope.TryGetValue(removed.Scope, out var scoped))
                {
                    scoped.Remove(removed);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class ScopeEntries
    {
        private readonly Lock _gate = new();
        private CachedAnswer[] _entries = [];

        public CachedAnswer[] Snapshot() => Volatile.Read(ref _entries);

        public void Add(CachedAnswer entry)
        {
            lock (_gate)
            {
                _entries = [.. _entries, entry];
            }
        }

        public void Remove(CachedAnswer entry)
        {
            lock (_gate)
            {
                _entries = [.. _entries.Where(e => !ReferenceEquals(e, entry))];
            }
        }
    }
}
