using System.Net;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>/v1/models, /healthz, /readyz, /metrics and unknown paths.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class SystemEndpointTests(SampleRuntimeFixture fixture)
{
    [Fact]
    public async Task Models_lists_orchestrator_and_every_agent()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/models"));

        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        var ids = doc.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["orchestrator", .. fixture.Runtime.Config.Agents.Select(a => a.Name)], ids);
        Assert.All(doc.RootElement.GetProperty("data").EnumerateArray(), m => Assert.Equal("model", m.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_ok_with_the_store_reachable()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        // Probes need no key, even when keys are configured.
        using var health = await server.Client.GetAsync("/healthz");
        using var ready = await server.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var doc = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", doc.RootElement.GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("collections").GetProperty("hr").GetInt32() > 0);
    }

    [Fact]
    public async Task Metrics_carry_the_orchestrator_counters_after_a_request()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        using var chat = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","messages":[{"role":"user","content":"How do I report a phishing email?"}]}"""));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);

        using var metrics = await server.Client.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE orchestrator_requests_total counter", text, StringComparison.Ordinal);
        Assert.Matches("orchestrator_requests_total\\{[^}]*route=\"security-policy\"[^}]*\\} [1-9]", text);
        Assert.Contains("orchestrator_stage_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("stage=\"guardian\"", text, StringComparison.Ordinal);
        Assert.Contains("orchestrator_spend_usd_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_name_the_service_and_carry_the_embedders_batch_sizes()
    {
        // telemetry.service_name is not set here, and OTEL_SERVICE_NAME normally is not either: the default name, not "unknown_service".
        var expected = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } named ? named.Trim() : "orchestrator";
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        using var chat = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","messages":[{"role":"user","content":"How do I report a phishing email?"}]}"""));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);

        var text = await server.Client.GetStringAsync("/metrics");

        Assert.Contains($"service_name=\"{expected}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown_service", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE orchestrator_embedder_call_texts histogram", text, StringComparison.Ordinal);
        Assert.Matches("orchestrator_embedder_call_texts_count\\{[^}]*\\} [1-9]", text);
        Assert.Matches("orchestrator_embedder_call_texts_bucket\\{[^}]*le=\"2\"\\}", text);
        Assert.Matches("orchestrator_embedder_texts_total\\{[^}]*source=\"model\"[^}]*\\} [1-9]", text);
    }

    [Fact]
    public async Task Metrics_name_the_configured_service()
    {
        var expected = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } named ? named.Trim() : "assistant";
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, telemetry: new TelemetryConfig { ServiceName = "assistant" });

        var text = await server.Client.GetStringAsync("/metrics");

        Assert.Matches($"target_info\\{{[^}}]*service_name=\"{expected}\"", text);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_openai_shaped_errors()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var missing = await server.Client.GetAsync("/v1/nothing-here");
        using var wrongMethod = await server.Client.GetAsync("/v1/chat/completions");

        await ApiAssert.Error(missing, HttpStatusCode.NotFound, "not_found");
        await ApiAssert.Error(wrongMethod, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
