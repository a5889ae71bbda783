using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using StackExchange.Redis;

namespace Orchestrator.State;

/// <summary>
/// Token buckets on the shared Redis server, so a limit holds across every replica. One Lua script
/// refills and takes atomically. While the server is unreachable the policy decides: <c>fail_open</c>
/// (the default) falls back to this process's own buckets, so limits still hold per replica and the
/// API stays up; <c>fail_closed</c> refuses (the HTTP API answers 503).
/// </summary>
public sealed class RedisRateLimitStore : IRateLimitStore, IDisposable
{
    /// <summary>KEYS[1]: the bucket hash (t tokens, ts ms). ARGV: now_ms, capacity, refill_ms, cost. Returns {allowed, wait_ms}.</summary>
    private const string Script = """
        local now = tonumber(ARGV[1])
        local capacity = tonumber(ARGV[2])
        local refill = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local state = redis.call('HMGET', KEYS[1], 't', 'ts')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        if now > at then
          tokens = math.min(capacity, tokens + (now - at) / refill)
          at = now
        end
        local needed = math.max(cost, 1)
        if tokens < needed then
          return {0, math.ceil((needed - tokens) * refill)}
        end
        if cost > 0 then
          tokens = tokens - cost
          redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'ts', string.format('%d', at))
          redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * refill) + 1000)
        end
        return {1, 0}
        """;

    private readonly RedisStateConnection _connection;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly TimeProvider _time;
    private readonly bool _failOpen;
    private readonly ILogger _logger;

    internal RedisRateLimitStore(RedisStateConnection connection, StateConfig config, TimeProvider? time, ILogger? logger)
    {
        _connection = connection;
        _time = time ?? TimeProvider.System;
        _fallback = new InMemoryRateLimitStore(_time);
        _failOpen = config.RateLimitsOnUnavailable != UnavailablePolicies.FailClosed;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Location => _connection.Location;

    /// <summary>Whether the server is reachable now (otherwise the policy applies).</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Connects to the server named by <paramref name="config"/>; an unreachable server is not an error here.</summary>
    public static RedisRateLimitStore Open(StateConfig config, TimeProvider? time = null, ILogger? logger = null) => Open(config, time, logger, metrics: null);

    /// <summary>As <see cref="Open(StateConfig, TimeProvider?, ILogger?)"/>, reporting reachability and failures to the host's <paramref name="metrics"/>.</summary>
    internal static RedisRateLimitStore Open(StateConfig config, TimeProvider? time, ILogger? logger, DependencyMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RedisRateLimitStore(RedisStateConnection.Open(config, metrics), config, time, logger);
    }

    public async ValueTask<RateLimitDecision> AcquireAsync(string key, TokenBucket bucket, int cost = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        try
        {
            var result = (RedisResult[])(await _connection.Database.ScriptEvaluateAsync(
                Script,
                [$"{_connection.KeyPrefix}:ratelimit:{key}"],
                [_time.GetUtcNow().ToUnixTimeMilliseconds(), bucket.Capacity, bucket.RefillEvery.TotalMilliseconds, cost]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
            return (long)result[0] == 1 ? RateLimitDecision.Allow : new RateLimitDecision(false, TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception ex) when (RedisStateConnection.IsUnavailable(ex))
        {
            _connection.CountFailure("rate_limits");
            StateLog.RateLimitStoreUnavailable(_logger, Location, _failOpen ? "limiting per process meanwhile (state.on_unavailable.rate_limits: fail_open)" : "refusing requests (state.on_unavailable.rate_limits: fail_closed)", ex.Message);
            return _failOpen
                ? await _fallback.AcquireAsync(key, bucket, cost, cancellationToken).ConfigureAwait(false)
                : new RateLimitDecision(false, TimeSpan.FromSeconds(5), StoreUnavailable: true);
        }
    }

    public void Dispose() => _connection.Dispose();
}
