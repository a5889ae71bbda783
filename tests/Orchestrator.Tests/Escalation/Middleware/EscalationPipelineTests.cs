using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>
/// The composed pipeline through the real runtime: ask and stream go through the same middleware,
/// so both keep PII behind the boundary for every provider tried and both pay from one budget.
/// </summary>
public sealed class EscalationPipelineTests
{
    private const string Email = MiddlewareHarness.Email;

    private static async Task<OrchestratorResponse> RunAsync(EscalationDeployment d, bool stream, string text)
    {
        var request = new OrchestratorRequest(text, "parking") { EscalationRequested = true };
        if (!stream)
        {
            return await d.Runtime.Pipeline.AskAsync(request);
        }

        PipelineStreamEvent? last = null;
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(request))
        {
            last = e;
        }

        return Assert.IsType<StreamCompleted>(last).Response;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_provider_in_the_fallback_chain_sees_placeholders_only(bool stream)
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.Enqueue(FakeOpenAiReply.Error(503));
        d.Secondary.DefaultReply = EscalationDeployment.CloudReply("I will write to <EMAIL_1> today.");

        var response = await RunAsync(d, stream, $"Mail {Email} about parking");

        Assert.Equal("cloud-b", response.Escalation.Target);
        Assert.Equal($"I will write to {Email} today.", response.Answer);
        foreach (var request in d.Primary.Requests.Concat(d.Secondary.Requests))
        {
            Assert.Equal(stream, request.Stream);
            Assert.DoesNotContain("jane.doe", request.Body, StringComparison.Ordinal);
            Assert.Contains("<EMAIL_1>", request.Body, StringComparison.Ordinal);
        }

        Assert.Equal(2, d.Primary.Requests.Count + d.Secondary.Requests.Count);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Ask_and_stream_pay_from_the_same_budget(bool firstStreams, bool thenStreams)
    {
        await using var d = await EscalationDeployment.StartAsync($"  budget: {{ usd_per_day: {EscalationDeployment.UsdPerCall:0.###} }}");

        var first = await RunAsync(d, firstStreams, $"Mail {Email} about parking");
        var second = await RunAsync(d, thenStreams, $"Mail {Email} about parking");

        Assert.True(first.Escalation.Performed);
        Assert.Equal(EscalationDeployment.UsdPerCall, first.Cost.Usd, 6);
        Assert.False(second.Escalation.Performed);
        Assert.Equal("budget", second.Escalation.DegradedReason);
        Assert.Contains(second.Attempts, a => a is { Stage: "cloud", Model: "cloud", Ok: false } && a.Detail.StartsWith("budget:", StringComparison.Ordinal));
        var sent = Assert.Single(d.Primary.Requests);
        Assert.Equal(firstStreams, sent.Stream);
        Assert.DoesNotContain("jane.doe", sent.Body, StringComparison.Ordinal);
        Assert.Equal(EscalationDeployment.UsdPerCall, (await d.Runtime.Pipeline.Cloud!.Budget!.UsageAsync(null)).GlobalUsd, 6);
    }
}
