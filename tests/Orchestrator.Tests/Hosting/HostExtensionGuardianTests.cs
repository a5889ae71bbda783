using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Tests.Escalation;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// A host's own guardian check: one that redacts (on the agent's list, the agent's and the global output rail;
/// local, cloud and streamed answers), one that throws, one that returns null, one that ignores its token,
/// and names that clash.
/// </summary>
public sealed class HostExtensionGuardianTests : HostExtensionTestBase
{
    [Fact]
    public async Task A_guardian_check_that_throws_withholds_the_answer_instead_of_failing_the_request()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", check: new CodeNameCheck { Throw = true });

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.False(response.Guardian.Passed);
        var check = Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName);
        Assert.False(check.Passed);
        Assert.DoesNotContain("backend-secret", check.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("backend-secret", response.Answer, StringComparison.Ordinal);
        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.Contains(Logs.Lines, l => l.Contains(CodeNameCheck.CheckName, StringComparison.Ordinal) && l.Contains("backend-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guardian_check_that_returns_null_withholds_the_answer_and_says_which_check()
    {
        using var host = await StartAsync(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", check: new CodeNameCheck { ReturnNull = true });

        var response = await host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));

        Assert.False(response.Guardian.Passed);
        Assert.False(Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName).Passed);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.Contains(Logs.Lines, l => l.Contains(CodeNameCheck.CheckName, StringComparison.Ordinal) && l.Contains("null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_cloud_answer_completes_with_the_text_the_output_rail_let_through()
    {
        using var host = await StartAsync(projects: "rails: { output: { code-names: redact } }", check: new CodeNameCheck());
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in host.Services.GetRequiredService<IOrchestrator>().StreamAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        var shown = string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text));
        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.True(completed.Response.Escalation.Performed);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", shown);
        Assert.Equal(shown, completed.Response.Answer);
    }

    [Fact]
    public async Task A_registered_check_runs_on_the_global_output_rail_for_local_and_cloud_answers()
    {
        using var host = await StartAsync(projects: "", check: new CodeNameCheck(), guardian: "guardian: { rails: { output: { code-names: redact } } }");
        Cloud.DefaultReply = EscalationDeployment.CloudReply(CloudText);
        var orchestrator = host.Services.GetRequiredService<IOrchestrator>();

        var local = await orchestrator.AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));
        var cloud = await orchestrator.AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects") { EscalationRequested = true });

        Assert.Contains("[code name]", local.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("BLUEBIRD", local.Answer, StringComparison.Ordinal);
        Assert.True(cloud.Escalation.Performed);
        Assert.Equal("The [code name] migration is a cloud answer. It finishes in March.", cloud.Answer);
        Assert.Contains(cloud.Guardian.Checks, c => c is { Name: CodeNameCheck.CheckName, Stage: "output", Action: "redact" });
    }

    [Fact]
    public async Task A_cancelled_request_returns_even_when_the_hosts_guardian_check_ignores_the_token()
    {
        var check = new StubbornCheck();
        using var host = await StartAsync(projects: "guardian: [ code-names ]", check: check);
        using var cts = new CancellationTokenSource();

        var ask = host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"), cts.Token);
        await check.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        await AssertCancelledPromptlyAsync(ask, check.Release);
    }

    [Fact]
    public async Task A_host_check_named_like_a_built_in_check_stops_the_start()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"))
            .AddGuardianCheck(new NamedCheck("PII")));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"AddGuardianCheck<{nameof(NamedCheck)}>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'PII' is the name of a built-in check", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_host_checks_with_one_name_stop_the_start()
    {
        Write(projects: "");
        using var host = Build(b => b.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"))
            .AddGuardianCheck(new CodeNameCheck())
            .AddGuardianCheck(new NamedCheck("Code-Names"))
            .AddGuardianCheck(new NamedCheck(" ")));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'Code-Names' is also the Name of {nameof(CodeNameCheck)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its Name is empty", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A guardian check that waits for the test, whatever its token says.</summary>
    private sealed class StubbornCheck : IGuardianCheck
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => CodeNameCheck.CheckName;

        public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task;
            return new GuardianCheckResult(Name, true, 1, "late");
        }
    }

    /// <summary>A check that passes everything, under any name.</summary>
    private sealed class NamedCheck(string name) : IGuardianCheck
    {
        public string Name => name;

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GuardianCheckResult(name, true, 1, "passed"));
    }
}
