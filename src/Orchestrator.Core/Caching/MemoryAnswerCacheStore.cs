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
            if (entry.ExpiresUtc <= nowUtc || !_byKey.ContainsKey(entry.ExactKey))
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

    public ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken)
    {
        if (_byKey.TryAdd(entry.ExactKey, entry))
        {
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
