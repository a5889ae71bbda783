using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary>Which configuration a command uses, and that it says so on stderr only.</summary>
public sealed class ConfigLocationCliTests
{
    [Theory]
    [InlineData("agents", "list")]
    [InlineData("ask", "How many vacation days do I get?")]
    public async Task Outside_a_checkout_with_no_config_exits_2_and_suggests_init(params string[] args)
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no configuration found", result.Error, StringComparison.Ordinal);
        Assert.Contains("orchestrator init <dir>", result.Error, StringComparison.Ordinal);
        Assert.Contains("--config", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Inside_the_checkout_the_sample_is_used_and_stderr_says_so()
    {
        var result = await CliRunner.RunAsync(Path.Combine(RepoPaths.Root, "src"), null, "agents", "validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains($"using config: {RepoPaths.SampleConfig} (the repository's sample", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_config_is_printed_on_stderr_not_stdout()
    {
        using var deployment = new EndToEnd.MiniDeployment();
        using var elsewhere = new TempDirectory();

        var result = await CliRunner.RunAsync(elsewhere.Path, null, "--config", deployment.ConfigFile, "agents", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("using config: " + deployment.ConfigFile + Environment.NewLine, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("using config", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sample", result.Error, StringComparison.Ordinal);
    }
}
