using System.ClientModel;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>What the pipeline logs, and that turning it off hands retries back to the SDK.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Retries_and_breaker_transitions_are_logged_by_status()
    {
        var capture = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(b => b.AddProvider(capture));
        var config = ResilienceHarness.Config(retries: 1) with
        {
            CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(5) },
        };
        await using var h = ResilienceHarness.Start(config, logging: logging);
        h.Server.DefaultReply = FakeOpenAiReply.Error(503, message: "upstream said: secret-looking detail");

        await Assert.ThrowsAsync<ClientResultException>(() => h.RunAsync(h.AskAsync()));
        await Assert.ThrowsAsync<Orchestrator.Models.ModelUnavailableException>(() => h.AskAsync());

        var lines = capture.Lines.Where(l => l.Contains(" Orchestrator.Models.Resilience: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains($"model {OpenAiTestConfig.ModelName}: attempt 1 failed (HTTP 503); retrying in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("circuit breaker opened after HTTP 503", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rejected without reaching the endpoint (circuit open)", StringComparison.Ordinal));
        var leaked = lines.Where(l => l.Contains("secret-looking detail", StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, string.Join("\n", leaked));
    }

    [Fact]
    public async Task Disabled_pipeline_leaves_retries_to_the_sdk()
    {
        await using var h = ResilienceHarness.Start(new ResilienceConfig { Enabled = false }, sdkMaxRetries: 1);
        h.Server.Enqueue(FakeOpenAiReply.Error(503));

        Assert.Equal("OK", (await h.AskAsync()).Text);

        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(0, h.Events.Retries);
        Assert.Null(h.Client.GetService(typeof(Orchestrator.Models.Resilience.ResilientChatClient)));
    }
}
