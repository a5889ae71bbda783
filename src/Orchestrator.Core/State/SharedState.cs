using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.State;

/// <summary>Builds the stores <c>state:</c> names: in this process for <c>sqlite</c>, on Redis for <c>redis</c>.</summary>
public static class SharedState
{
    /// <summary>The rate-limit buckets for <c>orchestrator serve</c>; throws <see cref="SharedStateException"/> when redis is named but not configured.</summary>
    public static IRateLimitStore RateLimits(StateConfig config, TimeProvider? time = null, ILoggerFactory? loggers = null) => RateLimits(config, time, loggers, metrics: null);

    /// <summary>As <see cref="RateLimits(StateConfig, TimeProvider?, ILoggerFactory?)"/>; a Redis store reports to the host's <paramref name="metrics"/>.</summary>
    internal static IRateLimitStore RateLimits(StateConfig config, TimeProvider? time, ILoggerFactory? loggers, DependencyMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Provider == StateProviders.Redis
            ? RedisRateLimitStore.Open(config, time, loggers?.CreateLogger<RedisRateLimitStore>(), metrics)
            : new InMemoryRateLimitStore(time);
    }
}
