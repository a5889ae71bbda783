using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian.Rails;

public sealed class RailsEndToEndTests
{
    [Fact]
    public async Task Input_rail_block_refuses_before_any_agent_runs_and_records_the_check()
    {
        using var deployment = new MiniDeployment(piiSection: "guardian: { rails: { input: { pii: block } } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where can I park? My email is jane.doe@example.org"));

        Assert.False(response.Guardian.Passed);
        Assert.Null(response.Route.Agent);
        Assert.False(response.Escalation.Needed);
        Assert.Contains("blocked", response.Answer, StringComparison.Ordinal);
        var check = Assert.Single(response.Guardian.Checks);
        Assert.Equal(("pii", "input", "block"), (check.Name, check.Stage, check.Action));
        Assert.Contains("\"stage\":\"input\"", System.Text.Json.JsonSerializer.Serialize(response, OrchestratorJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_rail_redact_answers_with_placeholders_in_the_question()
    {
        using var deployment = new MiniDeployment(piiSection: "guardian: { rails: { input: { pii: redact, injection: flag, harm: flag } } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where can I park my car? Reply to jane.doe@example.org"));

        Assert.Equal("facilities", response.Route.Agent);
        Assert.True(response.Guardian.Passed);
        Assert.Contains(response.Guardian.Checks, c => c is { Name: "pii", Stage: "input", Action: "redact" });
        Assert.Contains(response.Guardian.Checks, c => c is { Name: "injection", Stage: "input" });
        Assert.Contains(response.Guardian.Checks, c => c is { Name: "harm", Stage: "input" });
    }

    [Fact]
    public async Task Output_rail_redacts_or_blocks_by_its_action()
    {
        using var deployment = new MiniDeployment(piiSection: "guardian: { rails: { output: { pii: block } } }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.LoadConfig());

        // The facilities agent's own list runs pii in redact mode; the people agent's too, so the
        // rail is skipped for it. Asking the facilities agent shows the rail passing a clean answer.
        var clean = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where can I park my car?"));

        Assert.True(clean.Guardian.Passed);
        Assert.DoesNotContain(clean.Guardian.Checks, c => c.Stage == "output");
    }

    [Theory]
    [InlineData("guardian: { rails: { input: { injection: redact } } }", "cannot be redacted")]
    [InlineData("guardian: { rails: { input: { injection: explode } } }", "invalid injection 'explode'")]
    [InlineData("guardian: { rails: { retrieval: { injection: block } } }", "invalid injection 'block'")]
    [InlineData("guardian: { rails: { output: { nonsense: flag } } }", "nonsense")]
    public void Bad_rail_configuration_is_reported_with_file_and_line(string section, string expected)
    {
        using var deployment = new MiniDeployment(piiSection: section);

        var loaded = Orchestrator.Configuration.ConfigLoader.Load(deployment.ConfigFile, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());

        var error = Assert.Single(loaded.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        Assert.Contains("orchestrator.yaml:", error.ToString(), StringComparison.Ordinal);
    }
}
