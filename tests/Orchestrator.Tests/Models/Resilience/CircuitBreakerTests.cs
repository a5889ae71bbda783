using System.ClientModel;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>The breaker opens on repeated transient failures, fails fast without reaching the server, and closes after a good probe.</summary>
public sealed class CircuitBreakerTests
{
    private static ResilienceConfig Breaker() => ResilienceHarness.Config(retries: 0) with
    {
        CircuitBreaker = new CircuitBreakerConfig
        {
            FailureRatio = 0.5,
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        },
    };

    [Fact]
    public async Task Opens_fails_fast_then_closes_after_a_successful_probe()
    {
        await using var h = ResilienceHarness.Start(Breaker());
        h.Server.Enqueue(FakeOpenAiReply.Error(503), FakeOpenAiReply.Error(503));

        await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());
        await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());
        Assert.Equal(1, h.Events.BreakerOpened);

        var open = await Assert.ThrowsAsync<ModelUnavailableException>(() => h.AskAsync());
        Assert.Contains($"model '{OpenAiTestConfig.ModelName}'", open.Message, StringComparison.Ordinal);
        Assert.Contains("circuit breaker", open.Message, StringComparison.Ordinal);
        Assert.Contains("in 15 s", open.Message, StringComparison.Ordinal);
        Assert.False(open.IsUnconfigured);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(1, h.Events.Rejections);

        h.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("OK", (await h.AskAsync()).Text);

        var events = h.Events;
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal((1, 1, 1), (events.BreakerOpened, events.BreakerHalfOpened, events.BreakerClosed));
        Assert.Equal(h.Started, events.OpenedAt.Single());
        Assert.Equal(h.Started.AddSeconds(15), events.ClosedAt.Single());
    }

    [Fact]
    public async Task Client_errors_do_not_open_the_circuit()
    {
        await using var h = ResilienceHarness.Start(Breaker());
        h.Server.DefaultReply = FakeOpenAiReply.Error(400);

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());
        }

        Assert.Equal(4, h.Server.Requests.Count);
        Assert.Equal(0, h.Events.BreakerOpened);
    }

    [Fact]
    public async Task Failed_probe_opens_the_circuit_again()
    {
        await using var h = ResilienceHarness.Start(Breaker());
        h.Server.DefaultReply = FakeOpenAiReply.Error(500);
        await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());
        await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());

        h.Time.Advance(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAsync<ClientResultException>(() => h.AskAsync());
        await Assert.ThrowsAsync<ModelUnavailableException>(() => h.AskAsync());

        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal((2, 0), (h.Events.BreakerOpened, h.Events.BreakerClosed));
    }
}
