using Orchestrator.Tests.Support;
using Polly.Timeout;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>Attempt and total timeouts run on the injected clock.</summary>
public sealed class TimeoutTests
{
    /// <summary>An answer that takes a second of real time: many blind clock steps pass meanwhile.</summary>
    internal static readonly FakeOpenAiReply SlowOk = FakeOpenAiReply.WithText("OK") with { Delay = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Hanging_attempt_times_out_and_is_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config() with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Server.Enqueue(FakeOpenAiReply.Hanging());
        h.Server.DefaultReply = SlowOk; // the retry takes real time, as on a loaded machine: only fake time may time it out

        var call = h.AskAsync();
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        h.Time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(100);
        Assert.Single(h.Server.Requests);

        Assert.Equal("OK", (await h.TimeOutAttemptAndAwaitRetryAsync(call, TimeSpan.FromSeconds(1))).Text);
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

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => h.RunTimingOutAsync(h.AskAsync()));

        // The 10 s total timeout ended the call, not an 8 s attempt timeout (those are retried). This
        // used to compare the fake clock with 12 s after the call, but the harness keeps advancing the
        // clock until the failed call's continuation runs, which took longer on a loaded machine.
        Assert.Equal(TimeSpan.FromSeconds(10), error.Timeout);
        Assert.InRange(h.Server.Requests.Count, 1, 3);
    }
}
