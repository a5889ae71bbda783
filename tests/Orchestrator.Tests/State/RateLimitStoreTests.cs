using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.State;

/// <summary>Token buckets in memory and on a real Redis server, shared by replicas; both unavailability policies.</summary>
public sealed class RateLimitStoreTests
{
    private static readonly TokenBucket ThreePerMinute = TokenBucket.PerMinute(3, 3);

    [Fact]
    public async Task Memory_bucket_empties_refills_and_peeking_takes_nothing()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryRateLimitStore(time);

        Assert.True((await store.AcquireAsync("k", ThreePerMinute, cost: 0)).Allowed);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.AcquireAsync("k", ThreePerMinute)).Allowed);
        }

        var refused = await store.AcquireAsync("k", ThreePerMinute);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
        Assert.False((await store.AcquireAsync("k", ThreePerMinute, cost: 0)).Allowed);
        Assert.True((await store.AcquireAsync("other", ThreePerMinute)).Allowed);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await store.AcquireAsync("k", ThreePerMinute)).Allowed);
    }

    [RedisFact]
    public async Task Replicas_share_one_bucket_on_redis()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var a = h.RateLimits();
        var b = h.RateLimits();

        Assert.True((await a.AcquireAsync("key:acme", ThreePerMinute)).Allowed);
        Assert.True((await b.AcquireAsync("key:acme", ThreePerMinute)).Allowed);
        Assert.True((await a.AcquireAsync("key:acme", ThreePerMinute)).Allowed);
        var refused = await b.AcquireAsync("key:acme", ThreePerMinute);

        Assert.False(refused.Allowed);
        Assert.False(refused.StoreUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
        h.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await a.AcquireAsync("key:acme", ThreePerMinute)).Allowed);
    }

    [RedisFact]
    public async Task Redis_down_mid_run_falls_back_to_local_buckets_when_fail_open()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var store = h.RateLimits(UnavailablePolicies.FailOpen);
        Assert.True((await store.AcquireAsync("k", ThreePerMinute)).Allowed);

        await h.Server.StopAsync();

        // Still limited, by this process alone, rather than unlimited or down.
        var answers = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await store.AcquireAsync("k", ThreePerMinute));
        }

        Assert.Equal([true, true, true, false], answers.Select(a => a.Allowed));
        Assert.DoesNotContain(answers, a => a.StoreUnavailable);
        await h.Server.RestartAsync();
        await RedisStateHarness.EventuallyAsync(() => Task.FromResult(store.IsConnected));
        // Redis kept its bucket through the restart: one token was taken before the outage.
        Assert.True((await store.AcquireAsync("k", ThreePerMinute)).Allowed);
        Assert.True((await store.AcquireAsync("k", ThreePerMinute)).Allowed);
        Assert.False((await store.AcquireAsync("k", ThreePerMinute)).Allowed);
    }

    [RedisFact]
    public async Task Unreachable_at_start_up_refuses_when_fail_closed()
    {
        await using var h = await RedisStateHarness.StartAsync();
        using var nowhere = new ClosedPort();
        var store = h.RateLimits(UnavailablePolicies.FailClosed, connectionString: $"127.0.0.1:{nowhere.Port}");

        var refused = await store.AcquireAsync("k", ThreePerMinute);

        Assert.False(refused.Allowed);
        Assert.True(refused.StoreUnavailable);
    }
}
