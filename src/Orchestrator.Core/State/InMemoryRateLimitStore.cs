using System.Collections.Concurrent;

namespace Orchestrator.State;

/// <summary>Token buckets in this process's memory: exact for one replica, per replica for several.</summary>
public sealed class InMemoryRateLimitStore : IRateLimitStore
{
    // Full buckets are forgotten past this many keys, so addresses that come once do not pile up.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public InMemoryRateLimitStore(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public string Location => "memory";

    public ValueTask<RateLimitDecision> AcquireAsync(string key, TokenBucket bucket, int cost = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var now = _time.GetUtcNow();
        if (_buckets.Count > PruneAbove)
        {
            Prune(bucket, now);
        }

        var state = _buckets.GetOrAdd(key, _ => new Bucket(bucket.Capacity, now));
        lock (state)
        {
            state.Refill(bucket, now);
            var needed = Math.Max(cost, 1);
            if (state.Tokens >= needed)
            {
                state.Tokens -= cost;
                return ValueTask.FromResult(RateLimitDecision.Allow);
            }

            return ValueTask.FromResult(new RateLimitDecision(false, (needed - state.Tokens) * bucket.RefillEvery));
        }
    }

    private void Prune(TokenBucket bucket, DateTimeOffset now)
    {
        foreach (var (key, state) in _buckets)
        {
            lock (state)
            {
                state.Refill(bucket, now);
                if (state.Tokens >= bucket.Capacity)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;

        private DateTimeOffset At { get; set; } = at;

        public void Refill(TokenBucket bucket, DateTimeOffset now)
        {
            if (now > At)
            {
                Tokens = Math.Min(bucket.Capacity, Tokens + ((now - At) / bucket.RefillEvery));
                At = now;
            }
        }
    }
}
