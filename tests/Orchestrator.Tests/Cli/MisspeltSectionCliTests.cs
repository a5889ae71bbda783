using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// <c>agents validate</c> on a copy of the sample whose orchestrator.yaml misspells a section agents refer to: the
/// misspelling, with its did-you-mean, is the first line, and its consequences do not add one error per agent file.
/// </summary>
public sealed class MisspeltSectionCliTests
{
    [Fact]
    public async Task A_misspelt_collections_section_is_the_first_and_only_error()
    {
        using var dir = new TempDirectory();
        var config = Copy(dir, "orchestrator.yaml", text => text.Replace("\ncollections:", "\ncolections:", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(dir.Path, null, "--config", config, "agents", "validate");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Out));
        Assert.StartsWith(config + ":", line, StringComparison.Ordinal);
        Assert.Contains("unknown field 'colections'", line, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'collections'?)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a collection", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Contains("4 agent(s) name an entry of 'collections' in 'knowledge' (finance, hr, it, security)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_frameworks_name_for_collections_is_the_first_and_only_error()
    {
        using var dir = new TempDirectory();
        var config = Copy(dir, "orchestrator.yaml", text => text.Replace("\ncollections:", "\nknowledge_bases:", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(dir.Path, null, "--config", config, "agents", "validate");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Out));
        Assert.Contains("unknown field 'knowledge_bases'", line, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'collections'?)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a collection", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_models_section_is_the_first_and_only_error()
    {
        using var dir = new TempDirectory();
        var config = Copy(dir, "orchestrator.yaml", text => text.Replace("\nmodels:", "\nmodles:", StringComparison.Ordinal));
        Edit(Path.Combine(dir.Path, "agents", "writer.yaml"), text => text + "\nmodel: local-writer\n");

        var result = await CliRunner.RunAsync(dir.Path, null, "--config", config, "agents", "validate");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Out));
        Assert.StartsWith(config + ":", line, StringComparison.Ordinal);
        Assert.Contains("unknown field 'modles'", line, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'models'?)", line, StringComparison.Ordinal);
        Assert.Contains("1 agent(s) name an entry of 'models' in 'model' (local-writer)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestrator_yaml_errors_are_listed_before_agent_file_errors()
    {
        using var dir = new TempDirectory();
        var config = Copy(dir, "orchestrator.yaml", text => text.Replace("\nlimits:", "\nlimitz: {}\nlimits:", StringComparison.Ordinal));
        Edit(Path.Combine(dir.Path, "agents", "hr-policy.yaml"), text => text.Replace("\nexamples:", "\nexmaples:", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(dir.Path, null, "--config", config, "agents", "validate");

        Assert.Equal(2, result.ExitCode);
        var lines = Lines(result.Out);
        Assert.True(lines.Length >= 2, result.Out);
        Assert.StartsWith(config + ":", lines[0], StringComparison.Ordinal);
        Assert.Contains("unknown field 'limitz'", lines[0], StringComparison.Ordinal);
        Assert.Contains("hr-policy.yaml:", lines[^1], StringComparison.Ordinal);
    }

    private static string Copy(TempDirectory dir, string configName, Func<string, string> edit)
    {
        var config = RepoPaths.CopySample(dir.Path);
        Assert.Equal(configName, Path.GetFileName(config));
        Edit(config, edit);
        return config;
    }

    private static void Edit(string file, Func<string, string> edit)
    {
        var text = File.ReadAllText(file);
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        File.WriteAllText(file, edited);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
