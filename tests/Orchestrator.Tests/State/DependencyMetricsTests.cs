using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Caching;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.State;

/// <summary>
/// /metrics says whether the shared-state Redis is reachable (orchestrator_dependency_up) and counts its failed
/// operations, against a real redis-server on loopback that is stopped and started again. Each test reads its own
/// meter, so the connections of tests running beside it do not change what it sees.
/// </summary>
public sealed class DependencyMetricsTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(1);

    [RedisFact]
    public async Task The_up_gauge_reads_1_while_redis_answers_0_while_it_is_stopped_and_1_after_a_restart()
    {
        await using var server = await RedisServer.StartAsync();
        using var meter = new Meter("test.dependency." + Guid.NewGuid().ToString("N"));
        var metrics = new DependencyMetrics(meter);
        using var reader = new Reader(meter);
        Assert.Empty(reader.Up()); // nothing open: no series

        using var connection = RedisStateConnection.Open(server.ConnectionString, "t", metrics);
        await WaitForAsync(() => reader.Up() is [1]);

        await server.StopAsync();
        await WaitForAsync(() => reader.Up() is [0]);

        await server.RestartAsync();
        await WaitForAsync(() => reader.Up() is [1]);

        connection.Dispose();
        Assert.Empty(reader.Up()); // a closed connection leaves no series behind
    }

    [RedisFact]
    public async Task Cache_operations_refused_while_redis_is_down_are_counted_by_store()
    {
        await using var server = await RedisServer.StartAsync();
        using var meter = new Meter("test.dependency." + Guid.NewGuid().ToString("N"));
        var metrics = new DependencyMetrics(meter);
        using var reader = new Reader(meter);
        using var connection = RedisStateConnection.Open(server.ConnectionString, "t", metrics);
        using var store = new RedisAnswerCacheStore(connection, ownsConnection: false, maxEntries: 10, TimeProvider.System, NullLogger.Instance);
        await WaitForAsync(() => connection.IsConnected);
        Assert.Null(await store.GetExactAsync("k", DateTimeOffset.UtcNow, default));
        Assert.Equal(0, reader.Failures("cache"));

        await server.StopAsync();
        await WaitForAsync(() => !connection.IsConnected);
        Assert.Null(await store.GetExactAsync("k", DateTimeOffset.UtcNow, default));
        Assert.Null(await store.GetExactAsync("k", DateTimeOffset.UtcNow, default));

        Assert.Equal(2, reader.Failures("cache"));
    }

    [RedisFact]
    public async Task A_connection_opened_for_the_runtime_reports_on_the_meter_that_metrics_serves()
    {
        await using var server = await RedisServer.StartAsync();
        using var reader = new Reader(meter: null);
        using var connection = RedisStateConnection.Open(server.ConnectionString, "t");

        // Other tests' connections may be up or down: only the series' presence is this test's.
        Assert.NotEmpty(reader.Up());
        Assert.Contains(DependencyMetrics.Shared.MeterName, Orchestrator.AspNetCore.ServeTelemetry.Meters);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(HangBound);
        while (!condition())
        {
            await Task.Delay(50, bound.Token);
        }
    }

    /// <summary>Reads the dependency instruments of one meter (or, with null, of the shared "Orchestrator" meter).</summary>
    private sealed class Reader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<int> _up = [];
        private readonly Dictionary<string, long> _failures = [];
        private readonly Lock _gate = new();

        public Reader(Meter? meter)
        {
            var read = meter ?? DependencyMetrics.Shared.Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == read && instrument.Name.StartsWith("orchestrator.dependency.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
            {
                lock (_gate)
                {
                    _up.Add(value);
                }
            });
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? store = null;
                foreach (var tag in tags)
                {
                    store = tag.Key == "store" ? tag.Value as string : store;
                }

                lock (_gate)
                {
                    _failures[store ?? ""] = _failures.GetValueOrDefault(store ?? "") + value;
                }
            });
            _listener.Start();
        }

        public int[] Up()
        {
            lock (_gate)
            {
                _up.Clear();
            }

            _listener.RecordObservableInstruments();
            lock (_gate)
            {
                return [.. _up];
            }
        }

        public long Failures(string store)
        {
            lock (_gate)
            {
                return _failures.GetValueOrDefault(store);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
