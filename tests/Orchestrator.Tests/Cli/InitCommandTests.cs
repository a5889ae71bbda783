using System.Text.Json;
using Orchestrator.Cli.Scaffold;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_writes_every_template_file_with_comments_and_lists_them()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, null, "init", "my-bot");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (var file in ScaffoldTemplate.Files)
        {
            var path = Path.Combine(dir.Path, "my-bot", file);
            Assert.True(File.Exists(path), $"missing {file}");
            Assert.NotEqual("", await File.ReadAllTextAsync(path));
            Assert.Contains(file, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("# The collection (under collections:", await File.ReadAllTextAsync(Path.Combine(dir.Path, "my-bot", "agents", "handbook.yaml")), StringComparison.Ordinal);
        Assert.Contains("--config my-bot/orchestrator.yaml ask", result.Out.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_output_validates_and_answers_from_its_document()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, null, "init", "bot")).ExitCode);
        var folder = Path.Combine(dir.Path, "bot");
        var config = Path.Combine(folder, "orchestrator.yaml");

        var validate = await CliRunner.RunAsync(dir.Path, null, "--config", "bot/orchestrator.yaml", "agents", "validate");
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal("", validate.Out);
        Assert.Contains("ok: 1 agent(s) valid", validate.Error, StringComparison.Ordinal);

        // Run from the assistant's folder with no --config: ./orchestrator.yaml is found.
        var ask = await CliRunner.RunAsync(folder, null, "ask", ScaffoldTemplate.SampleQuestion, "--json");

        Assert.Equal(0, ask.ExitCode);
        Assert.Contains("using config: " + config, ask.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("using config", ask.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(ask.Out); // exactly one JSON object: anything else fails to parse
        var root = doc.RootElement;
        Assert.Equal("handbook", root.GetProperty("route").GetProperty("agent").GetString());
        Assert.Contains("25 days", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("team-handbook.md", root.GetProperty("citations")[0].GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("guardian").GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_existing_files_unless_forced()
    {
        using var dir = new TempDirectory();
        var agent = dir.Write("bot/agents/handbook.yaml", "name: mine\n");

        var refused = await CliRunner.RunAsync(dir.Path, null, "init", "bot");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("agents/handbook.yaml", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("name: mine\n", await File.ReadAllTextAsync(agent));
        Assert.False(File.Exists(Path.Combine(dir.Path, "bot", "orchestrator.yaml")), "nothing is written when one file is in the way");

        var forced = await CliRunner.RunAsync(dir.Path, null, "init", "bot", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("name: handbook", await File.ReadAllTextAsync(agent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_into_an_existing_folder_without_conflicts_and_into_dot_works()
    {
        using var dir = new TempDirectory();
        dir.Write("notes.txt", "mine");

        var result = await CliRunner.RunAsync(dir.Path, null, "init", ".");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "orchestrator.yaml")));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(dir.Path, "notes.txt")));
    }

    [Fact]
    public async Task Init_into_a_file_or_below_one_exits_2()
    {
        using var dir = new TempDirectory();
        dir.Write("taken", "a file");

        var onFile = await CliRunner.RunAsync(dir.Path, null, "init", "taken");
        var belowFile = await CliRunner.RunAsync(dir.Path, null, "init", "taken/bot");

        Assert.Equal(2, onFile.ExitCode);
        Assert.Contains("'taken' is a file", onFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, belowFile.ExitCode);
        Assert.Contains("is a file", belowFile.Error, StringComparison.Ordinal);
        Assert.Equal("a file", await File.ReadAllTextAsync(Path.Combine(dir.Path, "taken")));
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "../", "'..'" },
        { "a/../../b", "'..'" },
        { "..\\evil", "'..'" },
        { new string('a', 300), "too long" },
        { string.Join('/', Enumerable.Repeat(new string('d', 200), 30)), "too long" },
        { "bad\0name", "U+0000" },
        { "bad\nname", "U+000A" },
        { "esc\u001b[31mname", "U+001B" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Init_with_an_empty_or_hostile_name_exits_2_and_writes_nothing(string name, string expected)
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, null, "init", name);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: init: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Init_where_nothing_can_be_written_exits_2()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc refuses new folders even to root; other systems have no such fixed place.
        }

        using var dir = new TempDirectory();
        var result = await CliRunner.RunAsync(dir.Path, null, "init", "/proc/orchestrator-init-test");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write the assistant to /proc/orchestrator-init-test", result.Error, StringComparison.Ordinal);
    }
}
