using Orchestrator.Tests.Cli;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary>
/// The CLI has no host code to register an <c>IChatClient</c>: the commands that run models say that
/// <c>provider: host</c> needs a library host (a usage error, not a crash); <c>agents validate</c> accepts it, and
/// <c>ingest</c>, which needs only the embedder and the store, runs.
/// </summary>
public sealed class HostProviderCliTests
{
    [Theory]
    [InlineData("ask", "When does the data platform migration finish?")]
    [InlineData("models", "check")]
    [InlineData("serve")]
    public async Task Commands_that_run_models_say_a_host_model_needs_a_library_host(params string[] command)
    {
        using var d = new HostChatClientDeployment();

        var result = await CliRunner.RunAsync(Path.GetDirectoryName(d.ConfigFile)!, null, ["--config", d.ConfigFile, .. command]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("provider: host", result.Error, StringComparison.Ordinal);
        Assert.Contains("library host", result.Error, StringComparison.Ordinal);
        Assert.Contains("'cloud', 'backup'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_validate_accepts_a_host_model()
    {
        using var d = new HostChatClientDeployment();

        var result = await CliRunner.RunAsync(Path.GetDirectoryName(d.ConfigFile)!, null, ["--config", d.ConfigFile, "agents", "validate"]);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Ingest_needs_no_chat_model_so_a_host_model_does_not_stop_it()
    {
        using var d = new HostChatClientDeployment();
        var root = Path.GetDirectoryName(d.ConfigFile)!;

        var result = await CliRunner.RunAsync(root, null, ["--config", d.ConfigFile, "ingest", Path.Combine(root, "knowledge"), "--collection", "projects"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("collection 'projects': 1 file(s) ingested", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("provider: host", result.Error, StringComparison.Ordinal);
    }
}
