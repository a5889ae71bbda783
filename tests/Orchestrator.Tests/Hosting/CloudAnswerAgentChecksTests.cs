using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Tests.Escalation;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// An agent's own <c>guardian:</c> list checks the cloud answer of a request that agent escalated, asked and
/// streamed, and the response's guardian record describes the answer shown (issue 11, point 1).
/// </summary>
public sealed class CloudAnswerAgentChecksTests : HostExtensionTestBase
{
    private const string Question = "When does the data platform migration finish?";

    [Fact]
    public async Task A_rewriting_check_on_the_agents_list_rewrites_the_cloud_answer_and_the_record_lists_the_cloud_run()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: new CodeNameCheck { PassWithRewrite = true });
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects") { EscalationRequested = true });

        Assert.True(response.Escalation.Performed);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", response.Answer);
        var check = Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.StartsWith("cloud answer: ", check.Detail, StringComparison.Ordinal);
        Assert.Equal("passed", response.Guardian.Status);
    }

    [Fact]
    public async Task A_failing_check_on_the_agents_list_withholds_the_cloud_answer()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: new CodeNameCheck());
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects") { EscalationRequested = true });

        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.Contains("withheld", response.Answer, StringComparison.Ordinal);
        Assert.Contains(CodeNameCheck.CheckName, response.Answer, StringComparison.Ordinal);
        Assert.Equal("failed", response.Guardian.Status);
        var check = Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.False(check.Passed);
        Assert.StartsWith("cloud answer: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_cloud_answer_is_rewritten_piece_by_piece_by_the_agents_list()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: new CodeNameCheck { PassWithRewrite = true });
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var events = await StreamAsync(host);

        var shown = string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text));
        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", shown);
        Assert.Equal(shown, completed.Response.Answer);
        var check = Assert.Single(completed.Response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.StartsWith("cloud answer: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_cloud_answer_ends_with_a_guardian_error_when_the_agents_check_fails()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: new CodeNameCheck());
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var events = await StreamAsync(host);

        Assert.DoesNotContain(events.OfType<AnswerDelta>(), d => d.Text.Contains("BLUEBIRD", StringComparison.Ordinal));
        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains(CodeNameCheck.CheckName, failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BLUEBIRD", failed.Response!.Answer, StringComparison.Ordinal);
        Assert.Equal("failed", failed.Response.Guardian.Status);
    }

    [Fact]
    public async Task The_record_of_a_cloud_answer_does_not_list_the_local_answers_checks()
    {
        // The local answer names BLUEBIRD, so the check fails on it and the request escalates as guardian_failed;
        // the cloud answer is clean and is shown: the record must say it passed, not repeat the local failure.
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: new CodeNameCheck());
        Cloud.DefaultReply = EscalationDeployment.CloudReply("The migration finishes in March.");

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest(Question, "projects"));

        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("The migration finishes in March.", response.Answer);
        var check = Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.True(check.Passed);
        Assert.StartsWith("cloud answer: ", check.Detail, StringComparison.Ordinal);
        Assert.Equal("passed", response.Guardian.Status);
        Assert.Contains(response.Attempts, a => a is { Stage: "local", Ok: false });
    }

    private static async Task<List<PipelineStreamEvent>> StreamAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var events = new List<PipelineStreamEvent>();
        await foreach (var e in host.Services.GetRequiredService<IOrchestrator>().StreamAsync(new OrchestratorRequest(Question, "projects") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        return events;
    }
}
