using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary>
/// Escalation to <c>provider: host</c> models: the host's keyed <c>IChatClient</c> replaces only the transport,
/// and what the orchestrator wraps around its own clients still runs (PII boundary, budget, resilience,
/// fallbacks, output rails), plainly and streamed.
/// </summary>
public sealed class HostProviderEscalationTests
{
    private const string Email = "jane.doe@contoso.example";
    private const double UsdPerCall = (FakeChatClient.InputTokens + FakeChatClient.OutputTokens) / 1_000_000.0;

    [Fact]
    public async Task An_escalation_is_answered_by_the_hosts_client_behind_the_pii_boundary_and_the_budget()
    {
        using var d = new HostChatClientDeployment();
        d.Cloud.Reply = "I will write to <EMAIL_1> when BLUEBIRD finishes.";
        using var host = await d.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(
            new OrchestratorRequest($"Email {Email} when the data platform migration finishes.", "projects") { EscalationRequested = true });

        Assert.True(response.Escalation.Performed);
        Assert.Equal("cloud", response.Escalation.Target);
        var sent = Assert.Single(d.Cloud.Received);
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", sent, StringComparison.Ordinal);
        Assert.Equal($"I will write to {Email} when BLUEBIRD finishes.", response.Answer);
        Assert.Equal(UsdPerCall, response.Cost.Usd, 9);
        var runtime = await HostChatClientDeployment.RuntimeOf(host);
        Assert.Equal(UsdPerCall, (await runtime.Pipeline.Cloud!.Budget!.UsageAsync(null)).GlobalUsd, 9);
        Assert.Empty(d.Backup.Received);
    }

    [Fact]
    public async Task A_streamed_escalation_is_answered_by_the_hosts_client_with_the_pii_restored()
    {
        using var d = new HostChatClientDeployment();
        d.Cloud.Reply = "I will write to <EMAIL_1> in March.";
        using var host = await d.StartAsync();

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in host.Services.GetRequiredService<IOrchestrator>().StreamAsync(
            new OrchestratorRequest($"Email {Email} when the data platform migration finishes.", "projects") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.True(completed.Response.Escalation.Performed);
        Assert.Equal($"I will write to {Email} in March.", completed.Response.Answer);
        Assert.Equal($"I will write to {Email} in March.", string.Concat(events.OfType<AnswerDelta>().Select(a => a.Text)));
        Assert.DoesNotContain(Email, Assert.Single(d.Cloud.Received), StringComparison.Ordinal);
        Assert.Equal(UsdPerCall, completed.Response.Cost.Usd, 9);
    }

    [Fact]
    public async Task A_transient_failure_of_the_hosts_client_is_retried_by_the_models_resilience_pipeline()
    {
        using var d = new HostChatClientDeployment();
        d.Cloud.TransientFailuresLeft = 1;
        using var host = await d.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(
            new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        Assert.True(response.Escalation.Performed);
        Assert.Equal("cloud", response.Escalation.Target);
        Assert.Equal(2, d.Cloud.Received.Count);
        Assert.Equal(1, (await HostChatClientDeployment.RuntimeOf(host)).Models.Resilience.Snapshot("cloud").Retries);
    }

    [Fact]
    public async Task A_host_client_that_throws_is_a_handled_escalation_failure_and_the_fallback_answers()
    {
        using var d = new HostChatClientDeployment();
        d.Cloud.Failure = new InvalidOperationException("the host's transport is broken");
        using var host = await d.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(
            new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        Assert.True(response.Escalation.Performed);
        Assert.Equal("The BLUEBIRD migration is a backup answer.", response.Answer);
        Assert.Single(d.Cloud.Received);
        Assert.Single(d.Backup.Received);
    }

    [Fact]
    public async Task When_every_host_client_throws_the_escalation_degrades_instead_of_failing_the_request()
    {
        using var d = new HostChatClientDeployment();
        d.Cloud.Failure = new InvalidOperationException("the host's transport is broken");
        d.Backup.Failure = new InvalidOperationException("so is the backup's");
        using var host = await d.StartAsync();

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(
            new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        Assert.False(response.Escalation.Performed);
        Assert.True(response.Escalation.Degraded);
        Assert.Equal("unavailable", response.Escalation.DegradedReason);
        Assert.DoesNotContain("transport is broken", response.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_model_without_a_keyed_client_fails_the_start_naming_the_model_and_the_call()
    {
        using var d = new HostChatClientDeployment();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => d.StartAsync(registerClients: false));

        Assert.Contains(ex.Failures, f => f.Contains("models.cloud", StringComparison.Ordinal)
            && f.Contains("services.AddKeyedChatClient(\"cloud\", ...)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("services.AddKeyedChatClient(\"backup\", ...)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_keeps_owning_its_client_after_the_orchestrator_is_disposed()
    {
        using var d = new HostChatClientDeployment();
        var host = await d.StartAsync();
        _ = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(
            new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        await host.Services.GetRequiredService<HostedOrchestrator>().DisposeAsync();

        Assert.False(d.Cloud.Disposed);
        host.Dispose();
    }
}
