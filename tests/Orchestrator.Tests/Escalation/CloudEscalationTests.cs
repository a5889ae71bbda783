using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>Escalations performed against loopback fake clouds through the real runtime and OpenAI SDK.</summary>
public sealed class CloudEscalationTests
{
    [Fact]
    public async Task Requested_escalation_is_answered_by_the_target()
    {
        await using var d = await EscalationDeployment.StartAsync();

        var response = await d.AskAsync("Where do employees park?", escalate: true);

        Assert.Equal("Primary cloud answer.", response.Answer);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("requested", response.Escalation.Reason);
        Assert.Equal("cloud", response.Escalation.Target);
        Assert.False(response.Escalation.Degraded);
        Assert.Null(response.Escalation.DegradedReason);
        Assert.Equal(EscalationDeployment.UsdPerCall, response.Cost.Usd, 6);
        Assert.Equal(256, response.Cost.CompletionTokens);
        Assert.Equal(0, response.Cost.CloudUsdAvoided);
        Assert.Single(d.Primary.Requests);
        Assert.Empty(d.Secondary.Requests);
        Assert.Contains(response.Attempts, a => a is { Stage: "cloud", Model: "cloud", Ok: true });

        // The local evidence went along with the question, as numbered passages.
        Assert.Contains("level 2 of the garage", d.Primary.Requests[0].Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_target_falls_back_to_the_next_model_in_order()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.Enqueue(FakeOpenAiReply.Error(503));

        var response = await d.AskAsync("Plan a team offsite", agent: "concierge");

        Assert.Equal("Secondary cloud answer.", response.Answer);
        Assert.Equal("policy", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("cloud-b", response.Escalation.Target);
        var cloud = response.Attempts.Where(a => a.Stage == "cloud").ToList();
        Assert.Equal(["cloud", "cloud-b"], cloud.Select(a => a.Model));
        Assert.False(cloud[0].Ok);
        Assert.Contains("503", cloud[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("malformed")]
    [InlineData("429")]
    [InlineData("hang")]
    public async Task Every_kind_of_provider_failure_moves_on_to_the_fallback(string fault)
    {
        // Only the hanging provider needs a short timeout, and only on its own model: with a short
        // escalation-wide timeout the fallback's call timed out too on a loaded CI machine (stop 23).
        await using var d = await EscalationDeployment.StartAsync(timeoutSeconds: 30, cloudExtra: fault == "hang" ? ", timeout_seconds: 2" : "");
        d.Primary.Enqueue(fault switch
        {
            "reset" => FakeOpenAiReply.ConnectionReset(),
            "malformed" => FakeOpenAiReply.MalformedJson(),
            "429" => FakeOpenAiReply.RateLimited(1),
            _ => FakeOpenAiReply.Hanging(),
        });

        var response = await d.AskAsync("Where do employees park?", escalate: true);

        Assert.Equal("Secondary cloud answer.", response.Answer);
        Assert.Equal("cloud-b", response.Escalation.Target);
    }

    [Fact]
    public async Task All_providers_down_gives_the_verified_local_answer_marked_degraded()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = FakeOpenAiReply.Error(500);
        d.Secondary.DefaultReply = FakeOpenAiReply.Error(502);

        var response = await d.AskAsync("Where do employees park?", escalate: true);

        Assert.False(response.Escalation.Performed);
        Assert.True(response.Escalation.Degraded);
        Assert.Equal("unavailable", response.Escalation.DegradedReason);
        Assert.Equal("cloud", response.Escalation.Target);
        Assert.Contains("could not answer", response.Answer, StringComparison.Ordinal);
        Assert.Contains("level 2", response.Answer, StringComparison.Ordinal);
        Assert.Equal(0, response.Cost.Usd);
        Assert.Single(d.Primary.Requests);
        Assert.Single(d.Secondary.Requests);
    }

    [Fact]
    public async Task Never_escalate_agent_refuses_and_sends_nothing()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Local.Enqueue(FakeOpenAiReply.Error(500));

        var response = await d.AskAsync("Draft a salary letter", agent: "vault");

        Assert.Equal("specialist_failed", response.Escalation.Reason);
        Assert.False(response.Escalation.Performed);
        Assert.Equal("never_escalate", response.Escalation.DegradedReason);
        Assert.Contains("never to escalate", response.Answer, StringComparison.Ordinal);
        Assert.Empty(d.Primary.Requests);
        Assert.Empty(d.Secondary.Requests);
    }

    [Fact]
    public async Task Trigger_left_out_of_the_configuration_does_not_escalate()
    {
        await using var d = await EscalationDeployment.StartAsync(escalationExtra: "  triggers: [ out_of_scope, guardian_failed ]");

        var response = await d.AskAsync("Plan a team offsite", agent: "concierge");

        Assert.Equal("policy", response.Escalation.Reason);
        Assert.Equal("trigger_disabled", response.Escalation.DegradedReason);
        Assert.Contains("escalation.triggers", response.Answer, StringComparison.Ordinal);
        Assert.Empty(d.Primary.Requests);
    }

    [Fact]
    public async Task Missing_api_key_is_one_start_up_warning_and_requests_say_so()
    {
        var unset = OpenAiTestConfig.UniqueEnvName("CLOUD_KEY");
        await using var d = await EscalationDeployment.StartAsync(cloudExtra: $", api_key_env: {unset}");

        var warning = Assert.Single(d.StatusLines, l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("'cloud'", warning, StringComparison.Ordinal);
        Assert.Contains(unset, warning, StringComparison.Ordinal);

        // The fallback still works; the attempt on the target is recorded with why it failed, in
        // words for end users: the variable's name is for the operator (the warning above, the log).
        var response = await d.AskAsync("Where do employees park?", escalate: true);
        Assert.Equal("cloud-b", response.Escalation.Target);
        Assert.Contains(response.Attempts, a => a.Model == "cloud" && !a.Ok && a.Detail.Contains("not set up", StringComparison.Ordinal));
        Assert.DoesNotContain(unset, System.Text.Json.JsonSerializer.Serialize(response, OrchestratorJson.Options), StringComparison.Ordinal);
        Assert.Empty(d.Primary.Requests);
    }
}
