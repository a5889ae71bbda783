using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orchestrator.State;

/// <summary>
/// Whether the dependencies a host shares with its replicas (the <c>state:</c> Redis server, a Qdrant store) are
/// reachable now, and how many of their operations failed, on the host's meter "Orchestrator" that /metrics serves:
/// operators alert on these, not on the log. The gauge reads each tracked client's own state (a Redis connection's,
/// kept current by the client library's connect and disconnect events; a Qdrant store's last call) when the meter is
/// collected, so no request waits on it and nothing is sent to a dependency for it. No series for a dependency while no
/// client of it is tracked or none knows its state: a configuration without Redis or Qdrant shows none.
/// One instance per host: the container creates it from the host's <see cref="IMeterFactory"/> (as it does the
/// request meter), so two hosts in one process keep their own counts; a runtime started without a container records none.
/// </summary>
internal sealed class DependencyMetrics
{
    public const string Redis = "redis";

    public const string Qdrant = "qdrant";

    private readonly ConcurrentDictionary<IDependencyReachability, byte> _clients = new();
    private readonly Counter<long> _failures;

    public DependencyMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        meter.CreateObservableGauge("orchestrator.dependency.up", Observe, "{up}", "1 while every client of a shared dependency reaches it, 0 while one does not");
        _failures = meter.CreateCounter<long>("orchestrator.dependency.failures", "{operation}", "Operations on a shared dependency that failed because it was unreachable or too slow, by store");
    }

    public Meter Meter { get; }

    public string MeterName => Meter.Name;

    public void Track(IDependencyReachability client) => _clients.TryAdd(client, 0);

    public void Untrack(IDependencyReachability client) => _clients.TryRemove(client, out _);

    /// <summary>Counts one failed Redis operation of <paramref name="store"/> (budget, rate_limits, cache, confirmations).</summary>
    public void Failed(string store) => Failed(Redis, store);

    /// <summary>Counts one operation of <paramref name="store"/> on <paramref name="dependency"/> that failed because it was unreachable.</summary>
    public void Failed(string dependency, string store) =>
        _failures.Add(1, new KeyValuePair<string, object?>("dependency", dependency), new KeyValuePair<string, object?>("store", store));

    private IEnumerable<Measurement<int>> Observe()
    {
        if (_clients.IsEmpty)
        {
            return [];
        }

        var measurements = new List<Measurement<int>>(2);
        foreach (var dependency in _clients.Keys.GroupBy(client => client.Dependency, StringComparer.Ordinal))
        {
            var known = dependency.Select(client => client.IsUp).Where(up => up.HasValue).Select(up => up!.Value).ToList();
            if (known.Count > 0)
            {
                measurements.Add(new Measurement<int>(known.All(up => up) ? 1 : 0, new KeyValuePair<string, object?>("dependency", dependency.Key)));
            }
        }

        return measurements;
    }
}
