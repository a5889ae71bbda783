using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.EndToEnd;

public sealed class PiiEndToEndTests
{
    [Fact]
    public async Task Personal_data_in_an_answer_is_redacted_before_the_user_sees_it()
    {
        using var deployment = new MiniDeployment();
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Who is the payroll contact and how do I reach her?"));

        Assert.Equal("people", response.Route.Agent);
        Assert.True(response.Guardian.Passed);
        // Since PII v2 a person's name is personal data too: it becomes a placeholder like the phone number.
        Assert.DoesNotContain("Maria Jensen", response.Answer, StringComparison.Ordinal);
        Assert.Contains("<PERSON_1>", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("7700 900123", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("GB82", response.Answer, StringComparison.Ordinal);
        Assert.Contains("<PHONE_1>", response.Answer, StringComparison.Ordinal);
        var pii = Assert.Single(response.Guardian.Checks, c => c.Name == "pii");
        Assert.Contains("phone", pii.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_mode_withholds_the_answer_and_marks_guardian_failed()
    {
        using var deployment = new MiniDeployment(piiSection: "guardian: { pii: { mode: block } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Who is the payroll contact and how do I reach her?"));

        Assert.False(response.Guardian.Passed);
        Assert.True(response.Escalation.Needed);
        Assert.Equal("guardian_failed", response.Escalation.Reason);
        Assert.DoesNotContain("7700 900123", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria Jensen", response.Answer, StringComparison.Ordinal);
        Assert.Empty(response.Citations);
    }

    [Fact]
    public async Task Allow_listed_published_values_are_kept()
    {
        using var deployment = new MiniDeployment(piiSection: "guardian: { pii: { allow: [ \"+44 7700 900123\" ] } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Who is the payroll contact and how do I reach her?"));

        Assert.Contains("+44 7700 900123", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("GB82", response.Answer, StringComparison.Ordinal);
    }
}
