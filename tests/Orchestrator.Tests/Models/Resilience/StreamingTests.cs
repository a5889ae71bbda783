using Microsoft.Extensions.AI;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>Streams are retried only before their first update reaches the caller: text is never sent twice.</summary>
public sealed class StreamingTests
{
    internal static async Task<string> CollectAsync(IChatClient client, List<string> seen)
    {
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            seen.Add(update.Text);
        }

        return string.Concat(seen);
    }

    [Fact]
    public async Task Failure_before_the_first_update_is_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config() with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Server.Enqueue(FakeOpenAiReply.Error(503));
        h.Server.DefaultReply = TimeoutTests.SlowOk with { Text = "one two three" }; // the retry takes real time: the clock must stand still

        var text = await h.RunAsync(CollectAsync(h.Client, []));

        Assert.Equal("one two three", text);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.All(h.Server.Requests, r => Assert.True(r.Stream));
    }

    [Fact]
    public async Task Cut_after_text_was_yielded_is_not_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config());
        h.Server.Enqueue(FakeOpenAiReply.StreamCut("alpha beta gamma delta", chunks: 3));
        var seen = new List<string>();

        var error = await Record.ExceptionAsync(() => h.RunAsync(CollectAsync(h.Client, seen)));

        Assert.True(error is not null, $"no error; seen [{string.Join("|", seen)}], requests {h.Server.Requests.Count}");
        Assert.IsType<IOException>(error);
        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
        Assert.Equal("alpha beta ", string.Concat(seen));
        Assert.Single(h.Server.Requests);
        Assert.Equal(0, h.Events.Retries);
    }

    [Fact]
    public async Task First_update_timeout_is_retried()
    {
        await using var h = ResilienceHarness.Start(ResilienceHarness.Config() with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Server.Enqueue(FakeOpenAiReply.Hanging());
        h.Server.DefaultReply = TimeoutTests.SlowOk with { Text = "after a timeout" }; // the retry takes real time, as on a loaded machine

        var call = CollectAsync(h.Client, []);
        await ResilienceHarness.WaitUntilAsync(() => h.Server.Requests.Count == 1);
        Assert.Equal("after a timeout", await h.TimeOutAttemptAndAwaitRetryAsync(call, TimeSpan.FromSeconds(5)));
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(1, h.Events.Timeouts);
    }
}
