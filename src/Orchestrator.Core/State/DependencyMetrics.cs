using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orchestrator.State;

/// <summary>
/// Whether the shared-state Redis server is reachable now, and how many of its operations failed, on the meter
/// "Orchestrator" that /metrics serves: operators alert on these, not on the log. The gauge reads each open
/// connection's own state (kept current by the client library's connect and disconnect events) when the meter is
/// collected, so no request waits on it and no command is sent to Redis for it. No series while no connection is
/// open: a configuration without Redis shows none.
/// </summary>
internal sealed class DependencyMetrics
{
    public const string Redis = "redis";

    private readonly ConcurrentDictionary<RedisStateConnection, byte> _connections = new();
    private readonly Counter<long> _failures;

    public DependencyMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        meter.CreateObservableGauge("orchestrator.dependency.up", Observe, "{up}", "1 while every connection to a shared-state dependency is up, 0 while one is down");
        _failures = meter.CreateCounter<long>("orchestrator.dependency.failures", "{operation}", "Operations on a shared-state dependency that failed because it was unreachable or too slow, by store");
    }

    public Meter Meter { get; }

    public string MeterName => Meter.Name;

    /// <summary>
    /// The instance the orchestrator's own connections report to, on the request meter's name (OrchestratorMetrics.MeterName,
    /// a layer State may not use), so every host that exports that meter exports these series too.
    /// </summary>
    public static DependencyMetrics Shared { get; } = new(new Meter("Orchestrator"));

    public void Track(RedisStateConnection connection) => _connections.TryAdd(connection, 0);

    public void Untrack(RedisStateConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Counts one failed operation of <paramref name="store"/> (budget, rate_limits, cache, confirmations).</summary>
    public void Failed(string store) =>
        _failures.Add(1, new KeyValuePair<string, object?>("dependency", Redis), new KeyValuePair<string, object?>("store", store));

    private IEnumerable<Measurement<int>> Observe()
    {
        if (_connections.IsEmpty)
        {
            return [];
        }

        var up = _connections.Keys.All(connection => connection.IsConnected);
        return [new Measurement<int>(up ? 1 : 0, new KeyValuePair<string, object?>("dependency", Redis))];
    }
}
