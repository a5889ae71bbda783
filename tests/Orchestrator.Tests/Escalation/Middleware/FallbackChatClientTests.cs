using Microsoft.Extensions.AI;
using Orchestrator.Escalation;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Models;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Escalation.Middleware.MiddlewareHarness;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>Provider fallback on its own: order, attempts, per-provider timeouts, cancellation, streams.</summary>
public sealed class FallbackChatClientTests : MiddlewareTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Providers "a" and "b" on the fake servers, and "broken", whose client cannot be built.</summary>
    private FallbackChatClient Fallback(params string[] providers) => new(providers, name => name switch
    {
        "a" => H.Priced(H.A, null),
        "b" => H.Priced(H.B, null),
        _ => throw new ModelUnavailableException($"model '{name}' needs API_KEY_{name.ToUpperInvariant()}"),
    }, Timeout, H.Time);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Providers_are_tried_in_order_and_every_attempt_is_recorded(bool stream)
    {
        H.A.Enqueue(FakeOpenAiReply.Error(503));
        using var client = Fallback("a", "broken", "b");

        var response = await CallAsync(client, stream);

        Assert.Equal("Answer from B.", response.Text);
        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)!;
        Assert.Equal("b", report.Model);
        Assert.Null(report.Failure);
        Assert.Equal(["a", "broken", "b"], report.Attempts.Select(a => a.Model));
        Assert.Equal([false, false, true], report.Attempts.Select(a => a.Ok));
        Assert.Contains("503", report.Attempts[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("unavailable: model 'broken'", report.Attempts[1].Detail, StringComparison.Ordinal);

        // Attempts reach end users: the variable's name stays in the log.
        Assert.DoesNotContain("API_KEY_BROKEN", report.Attempts[1].Detail, StringComparison.Ordinal);
        Assert.Equal((40, 256, UsdPerCall), (report.PromptTokens, report.CompletionTokens, report.Usd));
        Assert.Single(H.A.Requests);
        Assert.Single(H.B.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_provider_answering_is_a_value_with_the_reason(bool stream)
    {
        H.A.DefaultReply = FakeOpenAiReply.Error(500);
        H.B.DefaultReply = FakeOpenAiReply.Error(502);
        using var client = Fallback("a", "b");

        var response = await CallAsync(client, stream);

        Assert.Equal("", response.Text);
        var error = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>());
        Assert.Equal(DegradedReasons.Unavailable, error.ErrorCode);
        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)!;
        Assert.Equal(DegradedReasons.Unavailable, report.Failure!.Reason);
        Assert.Contains("'b'", report.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, report.Usd);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_budget_refusal_is_the_reason_reported_even_when_a_later_provider_fails(bool stream)
    {
        var ledger = H.Ledger(usdPerDay: 0.1);
        H.B.DefaultReply = FakeOpenAiReply.Error(500);
        using var client = new FallbackChatClient(["a", "b"], name => H.Priced(name == "a" ? H.A : H.B, name == "a" ? ledger : null), Timeout, H.Time);

        var response = await CallAsync(client, stream);

        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)!;
        Assert.Equal(DegradedReasons.Budget, report.Failure!.Reason);
        Assert.StartsWith("budget: global limit", report.Attempts[0].Detail, StringComparison.Ordinal);
        Assert.Empty(H.A.Requests);
        Assert.Single(H.B.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_provider_gets_its_own_timeout(bool stream)
    {
        H.A.Enqueue(FakeOpenAiReply.Hanging());
        using var client = Fallback("a", "b");

        var call = CallAsync(client, stream);
        await WaitForAsync(() => H.A.Requests.Count == 1);
        H.Time.Advance(Timeout);
        var response = await call;

        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)!;
        Assert.Equal("b", report.Model);
        Assert.Equal("timed out", report.Attempts[0].Detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_cancellation_is_not_a_provider_failure(bool stream)
    {
        H.A.Enqueue(FakeOpenAiReply.Hanging());
        using var client = Fallback("a", "b");
        using var cancel = new CancellationTokenSource();

        var call = CallAsync(client, stream, cancellationToken: cancel.Token);
        await WaitForAsync(() => H.A.Requests.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(H.B.Requests);
    }

    [Fact]
    public async Task Stream_cut_before_a_whole_sentence_is_replaced_without_a_trace()
    {
        H.A.Enqueue(FakeOpenAiReply.StreamCut("First sentence here. Second one.", chunks: 3));
        using var client = Fallback("a", "b");

        var updates = await StreamAsync(client, Question("Where do I park?"));

        Assert.Equal("Answer from B.", string.Concat(updates.Select(u => u.Text)));
        var report = FallbackChatClient.ReportOf(updates.ToChatResponse().AdditionalProperties)!;
        Assert.Equal(["a", "b"], report.Attempts.Select(a => a.Model));
        Assert.Equal("the stream ended without a finish reason", report.Attempts[0].Detail);
    }

    [Fact]
    public async Task Stream_cut_after_a_whole_sentence_ends_as_stream_broken_without_fallback()
    {
        H.A.Enqueue(FakeOpenAiReply.StreamCut("First sentence here. Second one follows.", chunks: 5));
        using var client = Fallback("a", "b");

        var updates = await StreamAsync(client, Question("Where do I park?"));

        Assert.Equal("First sentence here. Second ", string.Concat(updates.Select(u => u.Text)));
        var response = updates.ToChatResponse();
        Assert.Equal(DegradedReasons.StreamBroken, Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>()).ErrorCode);
        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)!;
        Assert.Equal("a", report.Model);
        Assert.StartsWith("stream broke after text was sent", Assert.Single(report.Attempts).Detail, StringComparison.Ordinal);
        Assert.Empty(H.B.Requests);
    }
}
