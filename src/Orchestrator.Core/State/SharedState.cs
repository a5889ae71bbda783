using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.State;

/// <summary>Builds the stores <c>state:</c> names: in this process for <c>sqlite</c>, on Redis for <c>redis</c>.</summary>
public static class SharedState
{
    /// <summary>The rate-limit buckets for <c>orchestrator serve</c>; throws <see cref="SharedStateException"/> when redis is named but not configured.</summary>
    public static IRateLimitStore RateLimits(StateConfig config, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Provider == StateProviders.Redis
            ? RedisRateLimitStore.Open(config, time, loggers?.CreateLogger<RedisRateLimitStore>())
            : new InMemoryRateLimitStore(time);
    }
}
