using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Caching;
using Orchestrator.Diagnostics;
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
        using var reader = new DependencyMetricsReader(meter);
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
        using var reader = new DependencyMetricsReader(meter);
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

    [Fact]
    public void Each_container_owns_its_dependency_meter_made_by_its_meter_factory_so_two_hosts_keep_separate_counts()
    {
        using var first = new ServiceCollection().AddLogging().AddOrchestrator().Services.BuildServiceProvider();
        using var second = new ServiceCollection().AddLogging().AddOrchestrator().Services.BuildServiceProvider();
        var a = first.GetRequiredService<DependencyMetrics>();
        var b = second.GetRequiredService<DependencyMetrics>();
        using var readA = new DependencyMetricsReader(a.Meter);
        using var readB = new DependencyMetricsReader(b.Meter);

        a.Failed("cache");
        a.Failed(DependencyMetrics.Qdrant, "vectors");

        Assert.NotSame(a.Meter, b.Meter);
        Assert.Same(first.GetRequiredService<IMeterFactory>(), a.Meter.Scope);
        Assert.Same(second.GetRequiredService<IMeterFactory>(), b.Meter.Scope);
        Assert.Equal((OrchestratorMetrics.MeterName, OrchestratorMetrics.MeterName), (a.MeterName, b.MeterName));
        Assert.Contains(a.MeterName, Orchestrator.AspNetCore.ServeTelemetry.Meters);
        Assert.Equal((1L, 1L), (readA.Failures("cache"), readA.Failures("vectors", DependencyMetrics.Qdrant)));
        Assert.Equal((0L, 0L), (readB.Failures("cache"), readB.Failures("vectors", DependencyMetrics.Qdrant)));
    }

    [Fact]
    public async Task A_runtime_started_without_a_container_makes_no_unscoped_dependency_meter()
    {
        // Exporters merge same-named instruments of unscoped meters with a host's; disposing such a runtime then ended the
        // host's dependency series on /metrics (seen in the full suite with the first version of this branch).
        var published = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope is null && instrument.Name.StartsWith("orchestrator.dependency.", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref published);
                }
            },
        };
        listener.Start();
        using var deployment = new Orchestrator.Tests.EndToEnd.MiniDeployment();

        await using (await TestRuntimes.StartAsync(deployment.ConfigFile))
        {
            Assert.Equal(0, Volatile.Read(ref published));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(HangBound);
        while (!condition())
        {
            await Task.Delay(50, bound.Token);
        }
    }
}
