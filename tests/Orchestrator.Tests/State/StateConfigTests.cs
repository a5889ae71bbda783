using Orchestrator.Configuration;
using Orchestrator.Tests.Agents;

namespace Orchestrator.Tests.State;

/// <summary><c>state:</c> and <c>server.failed_auth</c> in orchestrator.yaml: defaults, values and clear errors.</summary>
public sealed class StateConfigTests
{
    private static ConfigLoadResult Load(string yaml)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\n" + yaml);
        return fixture.Load();
    }

    [Fact]
    public void Defaults_are_sqlite_fail_closed_budget_fail_open_rate_limits_and_ten_failed_logins_a_minute()
    {
        var result = Load("");

        Assert.Empty(result.Errors);
        var state = result.Config!.State;
        Assert.Equal((StateProviders.Sqlite, UnavailablePolicies.FailClosed, UnavailablePolicies.FailOpen, 600), (state.Provider, state.BudgetOnUnavailable, state.RateLimitsOnUnavailable, state.ReservationTtlSeconds));
        Assert.Equal((10, 10), (result.Config.Server.FailedAuth.RequestsPerMinute, result.Config.Server.FailedAuth.Burst));
    }

    [Fact]
    public void Redis_settings_are_read()
    {
        var result = Load("""
            state:
              provider: redis
              connection_env: ORCHESTRATOR_REDIS
              key_prefix: shop-prod
              on_unavailable: { budget: fail_open, rate_limits: fail_closed }
              reservation_ttl_seconds: 120
            server:
              failed_auth: { per_minute: 5, burst: 20 }
            """);

        Assert.Empty(result.Errors);
        var state = result.Config!.State;
        Assert.Equal(("ORCHESTRATOR_REDIS", "shop-prod", UnavailablePolicies.FailOpen, UnavailablePolicies.FailClosed, 120),
            (state.ConnectionEnv, state.KeyPrefix, state.BudgetOnUnavailable, state.RateLimitsOnUnavailable, state.ReservationTtlSeconds));
        Assert.Equal((5, 20), (result.Config.Server.FailedAuth.RequestsPerMinute, result.Config.Server.FailedAuth.Burst));
    }

    [Theory]
    [InlineData("state:\n  provider: redis", "connection_env")]
    [InlineData("state:\n  provider: memcached", "provider")]
    [InlineData("state:\n  provider: redis\n  connection_env: \"localhost:6379,password=hunter2\"", "is not an environment variable name")]
    [InlineData("state:\n  provider: redis\n  connection_env: R\n  on_unavailable: { budget: maybe }", "budget")]
    [InlineData("state:\n  key_prefix: \"a b\"", "key_prefix 'a b' may only contain")]
    [InlineData("state:\n  reservation_ttl_seconds: 0", "reservation_ttl_seconds")]
    [InlineData("state:\n  reservation_ttl_seconds: 99999999999999999999", "reservation_ttl_seconds")]
    [InlineData("state: []", "state")]
    [InlineData("state:\n  shards: 3", "shards")]
    [InlineData("server:\n  failed_auth: { per_minute: 0 }", "per_minute")]
    [InlineData("server:\n  failed_auth: lots", "failed_auth")]
    public void Bad_values_are_errors_with_a_line(string yaml, string expected)
    {
        var result = Load(yaml);

        var error = Assert.Single(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        Assert.Matches(@"orchestrator\.yaml:\d+", error.ToString());
    }
}
