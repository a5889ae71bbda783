using System.ClientModel;
using System.Net;
using Orchestrator.Configuration;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>Polly's chaos strategies inject faults and latency innermost, so the pipeline handles them like real ones.</summary>
public sealed class ChaosTests
{
    [Fact]
    public async Task Injected_faults_are_retried_and_never_reach_the_server()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config(retries: 2), new ChaosConfig { FaultRate = 1, OutcomeStatus = 503 });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => h.RunAsync(h.AskAsync()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("chaos", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
        Assert.Equal(2, h.Events.Retries);
    }

    [Fact]
    public async Task Seeded_fault_rate_is_reproducible()
    {
        var first = await CountServerCallsAsync();
        var second = await CountServerCallsAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Served, 1, 19);
    }

    [Fact]
    public async Task Injected_latency_meets_the_attempt_timeout()
    {
        var config = ResilienceHarness.Config(retries: 1) with { AttemptTimeout = TimeSpan.FromSeconds(2) };
        await using var h = ResilienceHarness.Start(config, new ChaosConfig { LatencyRate = 1, Latency = TimeSpan.FromSeconds(5) });

        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => h.RunTimingOutAsync(h.AskAsync()));

        Assert.Empty(h.Server.Requests);
        Assert.Equal(2, h.Events.Timeouts);
    }

    private static async Task<(int Served, int Failed)> CountServerCallsAsync()
    {
        var config = ResilienceHarness.Config(retries: 0) with { CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = 1000 } };
        await using var h = ResilienceHarness.Start(config, new ChaosConfig { FaultRate = 0.5, Seed = 42 });
        var failed = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await h.AskAsync();
            }
            catch (HttpRequestException)
            {
                failed++;
            }
        }

        Assert.Equal(20 - failed, h.Server.Requests.Count);
        return (h.Server.Requests.Count, failed);
    }
}
