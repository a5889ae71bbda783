using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.State;

/// <summary>
/// The budget on a real Redis server: replicas share one budget, reservations are atomic across
/// them, a dead replica's reservations expire, and the chaos cases (restart mid-run, unreachable at
/// start-up) behave as <c>state.on_unavailable.budget</c> says.
/// </summary>
public sealed class RedisBudgetStoreTests
{
    [RedisFact]
    public async Task Three_replicas_reserving_at_once_never_pass_the_shared_limit()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var replicas = new[] { h.Budget(1.0), h.Budget(1.0), h.Budget(1.0) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 96).Select(i => Task.Run(() => replicas[i % 3].ReserveAsync(null, 0.1))));

        Assert.Equal(10, decisions.Count(d => d.Reservation is not null));
        Assert.All(decisions.Where(d => d.Reservation is null), d => Assert.Contains("global limit 1 USD/day", d.RejectedBecause, StringComparison.Ordinal));
        Assert.Equal(1.0, (await replicas[1].UsageAsync(null)).GlobalUsd, 9);
    }

    [RedisFact]
    public async Task Settled_spend_is_seen_by_every_replica_and_released_money_is_free_again()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var a = h.Budget(1.0);
        var b = h.Budget(1.0);

        var first = (await a.ReserveAsync(null, 0.5)).Reservation!;
        var second = (await b.ReserveAsync(null, 0.5)).Reservation!;
        await a.SettleAsync(first, 0.3);
        await a.SettleAsync(first, 0.3); // a retried settlement is counted once
        await b.ReleaseAsync(second);

        Assert.Equal(0.3, (await b.UsageAsync(null)).GlobalUsd, 9);
        Assert.NotNull((await b.ReserveAsync(null, 0.7)).Reservation);
        Assert.Null((await a.ReserveAsync(null, 0.01)).Reservation);
    }

    [RedisFact]
    public async Task Tenants_have_separate_budgets_under_the_global_one()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var store = h.Budget(1.0, tenant: 0.4);

        Assert.NotNull((await store.ReserveAsync("acme", 0.4)).Reservation);
        var refused = await store.ReserveAsync("acme", 0.1);
        Assert.Equal("tenant limit 0.4 USD/day, 0.4 spent or reserved, this call needs up to 0.1", refused.RejectedBecause);
        Assert.NotNull((await store.ReserveAsync("ac|me", 0.4)).Reservation);
        Assert.Equal(0.4, (await store.UsageAsync("ac|me")).TenantUsd, 9);
        Assert.Equal(0.8, (await store.UsageAsync(null)).GlobalUsd, 9);
    }

    [RedisFact]
    public async Task A_caller_that_gives_up_while_reserving_leaves_no_reservation_behind()
    {
        // The replicas run found reservations that blocked the budget for their whole lifetime after
        // their callers timed out: the script ran on the server while the caller had stopped waiting.
        await using var h = await RedisStateHarness.StartAsync();
        var store = h.Budget(1.0);
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReserveAsync(null, 0.6, gaveUp.Token));

        Assert.Equal(0.0, (await store.UsageAsync(null)).GlobalUsd, 9);
        Assert.NotNull((await store.ReserveAsync(null, 1.0)).Reservation);
    }

    [RedisFact]
    public async Task Reservations_of_a_replica_that_died_expire()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var dead = h.Budget(1.0);
        var alive = h.Budget(1.0);
        Assert.NotNull((await dead.ReserveAsync(null, 1.0)).Reservation);
        dead.Dispose();
        Assert.Null((await alive.ReserveAsync(null, 0.1)).Reservation);

        h.Time.Advance(TimeSpan.FromSeconds(301));

        Assert.NotNull((await alive.ReserveAsync(null, 0.9)).Reservation);
    }

    [RedisFact]
    public async Task A_new_day_starts_from_zero()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var store = h.Budget(1.0);
        await store.SettleAsync((await store.ReserveAsync(null, 1.0)).Reservation!, 1.0);

        h.Time.Advance(TimeSpan.FromDays(1));

        Assert.NotNull((await store.ReserveAsync(null, 1.0)).Reservation);
    }

    [RedisFact]
    public async Task Redis_restarting_mid_run_refuses_while_down_and_loses_no_spend()
    {
        await using var h = await RedisStateHarness.StartAsync();
        var store = h.Budget(1.0);
        await store.SettleAsync((await store.ReserveAsync(null, 0.4)).Reservation!, 0.4);
        var inFlight = (await store.ReserveAsync(null, 0.3)).Reservation!;

        await h.Server.StopAsync();
        var whileDown = await store.ReserveAsync(null, 0.01);
        await store.SettleAsync(inFlight, 0.3); // the call in flight ends during the outage

        Assert.Null(whileDown.Reservation);
        Assert.Contains("unreachable", whileDown.RejectedBecause, StringComparison.Ordinal);
        Assert.Contains("fail_closed", whileDown.RejectedBecause, StringComparison.Ordinal);
        Assert.Equal(1, store.DeferredSettlements);

        await h.Server.RestartAsync();
        await RedisStateHarness.EventuallyAsync(async () => (await store.ReserveAsync(null, 0.01)).Reservation is not null);

        Assert.Equal(0, store.DeferredSettlements);
        var other = h.Budget(1.0);
        Assert.Equal(0.71, (await other.UsageAsync(null)).GlobalUsd, 9);
    }

    [RedisFact]
    public async Task Unreachable_at_start_up_fails_closed_by_default_and_open_when_configured()
    {
        await using var h = await RedisStateHarness.StartAsync();
        using var unreachable = new ClosedPort();
        var nowhere = $"127.0.0.1:{unreachable.Port}";
        var closed = h.Budget(1.0, connectionString: nowhere);
        var open = h.Budget(1.0, policy: UnavailablePolicies.FailOpen, connectionString: nowhere);

        var refused = await closed.ReserveAsync(null, 0.1);
        var admitted = await open.ReserveAsync(null, 0.1);

        Assert.Null(refused.Reservation);
        Assert.Contains($"budget store (redis {nowhere}) is unreachable", refused.RejectedBecause, StringComparison.Ordinal);
        Assert.NotNull(admitted.Reservation);
    }

    [Fact]
    public void A_missing_or_empty_connection_variable_is_a_clear_error()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("REDIS");
        var config = new StateConfig { Provider = StateProviders.Redis, ConnectionEnv = variable };

        var error = Assert.Throws<SharedStateException>(() => RedisBudgetStore.Open(config, new BudgetLimits(1, null)));

        Assert.Contains($"environment variable {variable} (state.connection_env) is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",,,")]
    [InlineData("password=hunter2")]
    public void A_connection_string_without_a_server_is_a_clear_error_that_hides_the_password(string connection)
    {
        var error = Assert.ThrowsAny<SharedStateException>(() => RedisStateConnection.Open(connection, "test"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("state.connection_env", error.Message, StringComparison.Ordinal);
    }
}
