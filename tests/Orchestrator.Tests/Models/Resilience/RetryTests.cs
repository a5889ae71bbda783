using System.ClientModel;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>Which failures are retried, through the real OpenAI SDK against the fake server.</summary>
public sealed class RetryTests
{
    /// <summary>
    /// A short attempt timeout, and a retry that answers after a second of real time (as on a loaded
    /// machine): only fake time may time an attempt out, so the clock must stand still while the retry runs.
    /// </summary>
    private static ResilienceHarness SlowRetry(ResilienceConfig? config = null)
    {
        var h = ResilienceHarness.Start((config ?? ResilienceHarness.Config()) with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Server.DefaultReply = TimeoutTests.SlowOk;
        return h;
    }

    [Fact]
    public async Task Server_error_then_success_is_retried_once()
    {
        await using var h = SlowRetry();
        h.Server.Enqueue(FakeOpenAiReply.Error(503));

        var response = await h.RunAsync(h.AskAsync());

        Assert.Equal("OK", response.Text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(1, h.Events.Retries);
        Assert.Equal(0, h.Events.Timeouts);
    }

    [Fact]
    public async Task Rate_limit_waits_for_retry_after()
    {
        await using var h = SlowRetry(ResilienceHarness.Config() with { MaxDelay = TimeSpan.FromSeconds(30) });
        h.Server.Enqueue(FakeOpenAiReply.RateLimited(7));

        var call = h.AskAsync();
        await ResilienceHarness.WaitUntilAsync(() => h.Events.Retries == 1);
        Assert.Equal(TimeSpan.FromSeconds(7), h.Events.LastRetryDelay);
        await h.Time.NextTimerAsync(0, TimeSpan.FromSeconds(7)); // the back-off is waiting on the clock
        h.Time.Advance(TimeSpan.FromSeconds(6.5));
        await Task.Delay(200);
        Assert.Single(h.Server.Requests);

        h.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal("OK", (await call.WaitAsync(TimeSpan.FromMinutes(2))).Text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(0, h.Events.Timeouts);
    }

    [Fact]
    public async Task Retry_after_is_capped_by_max_delay()
    {
        await using var h = SlowRetry(ResilienceHarness.Config() with { MaxDelay = TimeSpan.FromSeconds(2) });
        h.Server.Enqueue(FakeOpenAiReply.RateLimited(60));

        Assert.Equal("OK", (await h.RunAsync(h.AskAsync())).Text);
        Assert.Equal(TimeSpan.FromSeconds(2), h.Events.LastRetryDelay);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config());
        h.Server.Enqueue(FakeOpenAiReply.Error(status));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => h.RunAsync(h.AskAsync()));

        Assert.Equal(status, error.Status);
        Assert.Single(h.Server.Requests);
        Assert.Equal(0, h.Events.Retries);
    }

    [Theory]
    [InlineData("connection reset")]
    [InlineData("malformed json")]
    [InlineData("408")]
    public async Task Transient_failures_are_retried(string failure)
    {
        await using var h = SlowRetry();
        h.Server.Enqueue(failure switch
        {
            "connection reset" => FakeOpenAiReply.ConnectionReset(),
            "malformed json" => FakeOpenAiReply.MalformedJson(),
            _ => FakeOpenAiReply.Error(408),
        });

        Assert.Equal("OK", (await h.RunAsync(h.AskAsync())).Text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(0, h.Events.Timeouts);
    }

    [Fact]
    public async Task Retries_stop_after_max_retries()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config(retries: 2));
        h.Server.DefaultReply = FakeOpenAiReply.Error(500);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => h.RunAsync(h.AskAsync()));

        Assert.Equal(500, error.Status);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config());
        h.Server.Enqueue(FakeOpenAiReply.Hanging());
        using var cancel = new CancellationTokenSource();

        var call = h.AskAsync(cancel.Token);
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Task.Delay(100);
        Assert.Single(h.Server.Requests);
        Assert.Equal(0, h.Events.Retries);
    }
}
