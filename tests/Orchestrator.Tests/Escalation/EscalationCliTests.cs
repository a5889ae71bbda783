using System.Text.Json;
using Orchestrator.Tests.Cli;

namespace Orchestrator.Tests.Escalation;

/// <summary><c>ask --escalate</c> and <c>ask --agent &lt;target&gt;</c> through the real CLI.</summary>
public sealed class EscalationCliTests
{
    [Theory]
    [InlineData("--escalate")]
    [InlineData("--agent", "cloud")]
    public async Task Asking_for_the_cloud_escalates_as_requested(params string[] flags)
    {
        await using var d = await EscalationDeployment.StartAsync();

        var result = await CliRunner.RunAsync(d.Directory, null, ["--config", d.ConfigFile, "ask", "Where do employees park?", "--json", .. flags]);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var escalation = doc.RootElement.GetProperty("escalation");
        Assert.Equal("requested", escalation.GetProperty("reason").GetString());
        Assert.True(escalation.GetProperty("performed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, escalation.GetProperty("degraded_reason").ValueKind);
        Assert.Equal("Primary cloud answer.", doc.RootElement.GetProperty("answer").GetString());
        Assert.Contains(doc.RootElement.GetProperty("attempts").EnumerateArray(), a => a.GetProperty("stage").GetString() == "cloud");
    }

    [Fact]
    public async Task Escalate_without_a_target_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(Support.RepoPaths.Root, null, ["--config", Support.RepoPaths.SampleConfig, "ask", "Where do I park?", "--escalate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("escalation.target", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_check_warns_about_an_escalation_model_without_its_key()
    {
        var unset = Support.OpenAiTestConfig.UniqueEnvName("CLOUD_KEY");
        await using var d = await EscalationDeployment.StartAsync(cloudExtra: $", api_key_env: {unset}");

        var result = await CliRunner.RunAsync(d.Directory, null, ["--config", d.ConfigFile, "models", "check"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("warning: escalation target 'cloud' is unavailable", result.Error, StringComparison.Ordinal);
        Assert.Contains(unset, result.Error, StringComparison.Ordinal);
    }
}
