using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.State;

/// <summary>A real Redis server, a fake clock and stores over it, each store its own connection like a replica's.</summary>
internal sealed class RedisStateHarness : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RedisStateHarness(RedisServer server)
    {
        Server = server;
    }

    public RedisServer Server { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public static async Task<RedisStateHarness> StartAsync() => new(await RedisServer.StartAsync());

    public static StateConfig Config(string? budgetPolicy = null, string? ratePolicy = null, int ttlSeconds = 300) => new()
    {
        Provider = StateProviders.Redis,
        ConnectionEnv = "UNUSED",
        KeyPrefix = "test",
        BudgetOnUnavailable = budgetPolicy ?? UnavailablePolicies.FailClosed,
        RateLimitsOnUnavailable = ratePolicy ?? UnavailablePolicies.FailOpen,
        ReservationTtlSeconds = ttlSeconds,
    };

    /// <summary>A budget store as one replica would open it.</summary>
    public RedisBudgetStore Budget(double? global, double? tenant = null, string? policy = null, string? connectionString = null) =>
        Own(new RedisBudgetStore(RedisStateConnection.Open(connectionString ?? Server.ConnectionString, "test"), ownsConnection: true, new BudgetLimits(global, tenant), Config(policy), Time, null));

    public RedisRateLimitStore RateLimits(string? policy = null, string? connectionString = null) =>
        Own(new RedisRateLimitStore(RedisStateConnection.Open(connectionString ?? Server.ConnectionString, "test"), Config(ratePolicy: policy), Time, null));

    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        // The minute only bounds a hang: a client reconnecting after a restart backs off for seconds,
        // and longer on a loaded CI machine.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the condition did not become true within a minute");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Server.DisposeAsync();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
