using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>The concurrency limiter sheds load beyond its queue; hedging answers from the secondary when the primary is slow.</summary>
public sealed class ConcurrencyAndHedgingTests
{
    private static readonly TimeSpan HedgingDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A primary that never answers, hedged after 2 s to a secondary that answers <paramref name="text"/>
    /// after a second of real time (as on a loaded machine), with a short attempt timeout: only the
    /// hedging delay may pass on the clock, which then stands still while the secondary answers.
    /// </summary>
    private static ResilienceHarness HangingPrimary(string text)
    {
        var config = ResilienceHarness.Config() with
        {
            AttemptTimeout = TimeSpan.FromSeconds(5),
            Hedging = new HedgingConfig { Model = ResilienceHarness.SecondaryName, Delay = HedgingDelay },
        };
        var h = ResilienceHarness.Start(config, withSecondary: true);
        h.Server.DefaultReply = FakeOpenAiReply.Hanging();
        h.Secondary!.DefaultReply = TimeoutTests.SlowOk with { Text = text };
        return h;
    }

    [Fact]
    public async Task Calls_beyond_the_queue_limit_are_rejected_at_once()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config() with { MaxConcurrency = 1, QueueLimit = 1 });
        h.Server.Enqueue(FakeOpenAiReply.Hanging());
        using var first = new CancellationTokenSource();

        var running = h.AskAsync(first.Token);
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        var queued = h.AskAsync();
        await Task.Delay(100);
        var rejected = await Assert.ThrowsAsync<ModelUnavailableException>(() => h.AskAsync());

        Assert.Contains("saturated", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("max_concurrency", rejected.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
        Assert.False(queued.IsCompleted);

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal("OK", (await queued).Text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(1, h.Events.Rejections);
    }

    [Fact]
    public async Task Slow_primary_is_hedged_to_the_secondary_model()
    {
        await using var h = HangingPrimary("from the secondary");

        var call = h.AskAsync();
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        await h.Time.NextTimerAsync(0, HedgingDelay); // the hedging delay is waiting on the clock
        h.Time.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(100);
        Assert.Empty(h.Secondary!.Requests);

        h.Time.Advance(HedgingDelay - TimeSpan.FromSeconds(1.5));
        var response = await call.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("from the secondary", response.Text);
        Assert.Single(h.Secondary.Requests);
        Assert.Single(h.Server.Requests);
        Assert.Equal(1, h.Events.Hedges);
    }

    [Fact]
    public async Task Fast_primary_is_not_hedged()
    {
        var config = ResilienceHarness.Config() with { Hedging = new HedgingConfig { Model = ResilienceHarness.SecondaryName } };
        await using var h = ResilienceHarness.Start(config, withSecondary: true);

        Assert.Equal("OK", (await h.AskAsync()).Text);
        Assert.Empty(h.Secondary!.Requests);
        Assert.Equal(0, h.Events.Hedges);
    }

    [Fact]
    public async Task Streams_are_hedged_before_their_first_update()
    {
        await using var h = HangingPrimary("streamed from the secondary");

        var call = StreamingTests.CollectAsync(h.Client, new List<string>());
        await h.AdvanceToTimerAsync(HedgingDelay);
        var text = await call.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("streamed from the secondary", text);
        Assert.True(h.Secondary!.Requests.Single().Stream);
    }
}
