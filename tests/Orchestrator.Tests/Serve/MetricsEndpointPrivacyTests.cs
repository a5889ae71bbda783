using System.Net;
using Orchestrator.Tests.Escalation;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// /metrics needs no key, so the model-call series M.E.AI records (<c>gen_ai_client_*</c>) must not
/// name the cloud endpoint's host and port there.
/// </summary>
public sealed class MetricsEndpointPrivacyTests
{
    private const string AskCloud = """{"model":"cloud","messages":[{"role":"user","content":"Where do employees park?"}]}""";

    [Fact]
    public async Task The_scraped_gen_ai_series_do_not_name_the_cloud_endpoint()
    {
        await using var d = await EscalationDeployment.StartAsync();
        await using var server = await LoopbackServer.StartAsync(d.Runtime);
        using var chat = await server.Client.SendAsync(server.Post(AskCloud));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("true", ApiAssert.Header(chat, "x-orchestrator-escalated"));

        using var metrics = await server.Client.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // The series are still there, with the attributes that say what was called, not where.
        Assert.Matches("gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_request_model=\"[^\"]+\"[^}]*\\} [1-9]", text);
        Assert.Contains("gen_ai_client_token_usage", text, StringComparison.Ordinal);
        // The view changes attributes only: M.E.AI's advised buckets (seconds from 0.01) still apply.
        Assert.Matches("gen_ai_client_operation_duration_seconds_bucket\\{[^}]*le=\"0.01\"", text);
        Assert.DoesNotContain("server_address", text, StringComparison.Ordinal);
        Assert.DoesNotContain("server_port", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{d.Primary.Endpoint.Port}\"", text, StringComparison.Ordinal);
    }
}
