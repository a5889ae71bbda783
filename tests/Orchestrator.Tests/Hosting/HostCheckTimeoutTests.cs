using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orchestrator.Tests.Hosting;

/// <summary>A host's own check that hangs: the request ends once <c>guardian.check_timeout_seconds</c> is up on the host's clock, with the answer withheld.</summary>
public sealed class HostCheckTimeoutTests : HostExtensionTestBase
{
    [Fact]
    public async Task A_hung_check_on_the_agents_list_withholds_the_answer_when_its_time_is_up()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var check = new HungCheck();
        Write(projects: "guardian: [ code-names ]\nescalation: { allowed: false }", guardian: "guardian: { check_timeout_seconds: 2 }");
        using var host = Build(b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddOrchestrator(o => { o.ConfigFile = Path.Combine(Directory, "orchestrator.yaml"); o.WarmUpInBackground = false; }).AddGuardianCheck(check);
        });
        await host.StartAsync();

        var ask = host.Services.GetRequiredService<IOrchestrator>().AskAsync(new OrchestratorRequest("When does the data platform migration finish?", "projects"));
        await check.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromSeconds(2));
        var response = await ask.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(response.Guardian.Passed);
        Assert.False(Assert.Single(response.Guardian.Checks, c => c.Name == CodeNameCheck.CheckName).Passed);
        Assert.DoesNotContain("BLUEBIRD", response.Answer, StringComparison.Ordinal);
        Assert.Single(Logs.Lines, l => l.Contains(CodeNameCheck.CheckName, StringComparison.Ordinal) && l.Contains("within 2 s", StringComparison.Ordinal));
    }

    /// <summary>Never answers, whatever its token says.</summary>
    private sealed class HungCheck : IGuardianCheck
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => CodeNameCheck.CheckName;

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            return new TaskCompletionSource<GuardianCheckResult>().Task;
        }
    }
}
