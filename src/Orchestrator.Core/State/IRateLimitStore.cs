namespace Orchestrator.State;

/// <summary>
/// Token buckets by key (an API key's name, a client address): <see cref="InMemoryRateLimitStore"/>
/// for one process, <see cref="RedisRateLimitStore"/> shared by every replica.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Where the buckets are kept, for messages.</summary>
    string Location { get; }

    /// <summary>
    /// Takes <paramref name="cost"/> tokens from <paramref name="key"/>'s bucket when it holds them.
    /// A cost of 0 only asks whether the bucket holds at least one token, taking nothing.
    /// </summary>
    ValueTask<RateLimitDecision> AcquireAsync(string key, TokenBucket bucket, int cost = 1, CancellationToken cancellationToken = default);
}
