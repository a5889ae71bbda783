using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Pipeline;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>Span attributes of the pipeline, and OTLP export that cannot reach its collector.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class TracingTests(SampleRuntimeFixture fixture)
{
    [Fact]
    public async Task Request_span_carries_route_confidence_candidates_guardian_escalation_and_cost()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OrchestratorTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        // The same question asked elsewhere in the process while the listener listens, as a test beside
        // this one does: the listener sees every pipeline's spans, so only this test's trace counts.
        await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("How do I report a phishing email?"));

        ActivityTraceId trace;
        using (var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            trace = parent.TraceId;
            await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("How do I report a phishing email?"));
        }

        var request = spans.Where(s => s.OperationName == "orchestrator.request" && s.TraceId == trace)
            .Single(s => (s.GetTagItem("orchestrator.candidates") as string)?.StartsWith("security-policy:", StringComparison.Ordinal) == true);
        Assert.Equal("security-policy", request.GetTagItem("orchestrator.route"));
        Assert.IsType<double>(request.GetTagItem("orchestrator.confidence"));
        Assert.Equal(true, request.GetTagItem("orchestrator.guardian.passed"));
        Assert.Equal(false, request.GetTagItem("orchestrator.escalation.needed"));
        Assert.Equal(0.0, request.GetTagItem("orchestrator.cost.usd"));
        Assert.Contains(spans, s => s.OperationName == "orchestrator.route" && s.ParentSpanId == request.SpanId);
    }

    [Fact]
    public async Task An_unreachable_otlp_collector_never_fails_a_request()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, telemetry: new TelemetryConfig { OtlpEndpoint = new Uri("http://127.0.0.1:9") });

        using var response = await server.Client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"orchestrator","messages":[{"role":"user","content":"How do I reset my password?"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
