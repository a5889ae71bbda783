using Orchestrator.Models;

namespace Orchestrator.Caching;

/// <summary>
/// This replica's copy of one scope's question vectors, read incrementally from the scope's Redis
/// stream (everything after <see cref="LastId"/>). Near-duplicate search is an exact scan over it,
/// as in <see cref="MemoryAnswerCacheStore"/>; only a hit fetches the answer body from Redis.
/// </summary>
internal sealed class RedisScopeIndex(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Item> _items = new();

    /// <summary>The id of the newest stream entry read, "0-0" before the first read.</summary>
    public string LastId { get; private set; } = "0-0";

    /// <summary>When a lookup last used the index (<see cref="TimeProvider.GetTimestamp"/>), for evicting idle scopes.</summary>
    public long LastUsed { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>
    /// Adds the stream entries newer than <see cref="LastId"/> and moves it to <paramref name="lastId"/>
    /// (the newest id read, valid entry or not). Entries a concurrent read already added are skipped,
    /// so two lookups syncing at once do not duplicate them. Returns how many were added.
    /// </summary>
    public int Append(string lastId, IEnumerable<(string Id, string Key, float[] Vector, long ExpiresMs)> entries)
    {
        lock (_gate)
        {
            var added = 0;
            foreach (var (id, key, vector, expires) in entries)
            {
                if (CompareIds(id, LastId) > 0)
                {
                    _items.AddLast(new Item(key, vector, expires));
                    added++;
                }
            }

            while (_items.Count > capacity)
            {
                _items.RemoveFirst();
            }

            if (CompareIds(lastId, LastId) > 0)
            {
                LastId = lastId;
            }

            return added;
        }
    }

    /// <summary>The unexpired entry most similar to <paramref name="vector"/>; expired entries at the front are dropped.</summary>
    public (string Key, float[] Vector, double Similarity)? Best(float[] vector, long nowMs)
    {
        lock (_gate)
        {
            // Entries arrive in write order with one TTL, so the expired ones are (nearly all) at the front.
            while (_items.First is { } first && first.Value.ExpiresMs <= nowMs)
            {
                _items.RemoveFirst();
            }

            Item? best = null;
            var bestScore = double.NegativeInfinity;
            foreach (var item in _items)
            {
                if (item.ExpiresMs <= nowMs || item.Vector.Length != vector.Length)
                {
                    continue;
                }

                var score = VectorMath.Dot(item.Vector, vector);
                if (score > bestScore)
                {
                    (best, bestScore) = (item, score);
                }
            }

            return best is null ? null : (best.Key, best.Vector, bestScore);
        }
    }

    /// <summary>Drops every entry of <paramref name="key"/> (its body is gone or no longer belongs to this scope).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            for (var node = _items.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Key == key)
                {
                    _items.Remove(node);
                }

                node = next;
            }
        }
    }

    /// <summary>Orders stream ids ("milliseconds-sequence"); an id that does not parse sorts first.</summary>
    public static int CompareIds(string a, string b) => Parse(a).CompareTo(Parse(b));

    private static (long Ms, long Seq) Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && long.TryParse(id.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && long.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? (ms, seq)
            : (-1, -1);
    }

    private sealed record Item(string Key, float[] Vector, long ExpiresMs);
}
