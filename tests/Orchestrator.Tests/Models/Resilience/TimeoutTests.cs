using Orchestrator.Tests.Support;
using Polly.Timeout;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>Attempt and total timeouts run on the injected clock.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Hanging_attempt_times_out_and_is_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config() with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Server.Enqueue(FakeOpenAiReply.Hanging());

        var call = h.AskAsync();
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        h.Time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(100);
        Assert.Single(h.Server.Requests);

        Assert.Equal("OK", (await h.RunAsync(call)).Text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(1, h.Events.Timeouts);
        Assert.Equal(1, h.Events.Retries);
    }

    [Fact]
    public async Task Total_timeout_ends_the_call_whatever_the_retries()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config(retries: 10) with
        {
            AttemptTimeout = TimeSpan.FromSeconds(8),
            TotalTimeout = TimeSpan.FromSeconds(10),
        });
        h.Server.DefaultReply = FakeOpenAiReply.Hanging();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => h.RunAsync(h.AskAsync()));

        Assert.InRange(h.Server.Requests.Count, 1, 3);
        Assert.True(h.Time.GetUtcNow() - h.Started < TimeSpan.FromSeconds(12), "the total timeout should have ended the call at 10 s of fake time");
    }
}
