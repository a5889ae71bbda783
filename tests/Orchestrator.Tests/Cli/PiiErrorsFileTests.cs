using System.Text;
using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// <c>eval guardian --task pii --errors</c>: each error line carries the row's text so it can be read
/// on its own, but a huge row with many errors must not be written once per error (a 1 MB row with
/// thousands of spurious spans wrote gigabytes and filled the disk).
/// </summary>
public sealed class PiiErrorsFileTests
{
    [Fact]
    public async Task A_huge_row_with_many_errors_writes_a_window_around_each_span_not_the_whole_row()
    {
        using var dir = new TempDirectory();
        var text = new StringBuilder().Insert(0, "Please call Jennifer Hartley about the invoice. ", 20_000).ToString(); // ~960 kB, 20,000 names
        dir.Write("huge.json", JsonSerializer.Serialize(new[] { new { full_text = text, spans = Array.Empty<object>() } }));

        var result = await CliRunner.RunAsync(dir.Path, null, "eval", "guardian", "--task", "pii", "--dataset", "huge.json", "--json", "--errors", "errors.jsonl");

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "errors.jsonl"));
        Assert.True(lines.Length > 1_000, $"{lines.Length} error lines");
        Assert.True(new FileInfo(Path.Combine(dir.Path, "errors.jsonl")).Length < 1_000L * lines.Length, "each line holds a window, not the row");
        using var first = JsonDocument.Parse(lines[0]);
        var offset = first.RootElement.GetProperty("text_offset").GetInt32();
        var window = first.RootElement.GetProperty("text").GetString()!;
        var start = first.RootElement.GetProperty("start").GetInt32();
        var end = first.RootElement.GetProperty("end").GetInt32();
        Assert.Equal(first.RootElement.GetProperty("value").GetString(), window[(start - offset)..(end - offset)]);
    }

    [Fact]
    public async Task A_short_row_keeps_its_whole_text_and_no_offset()
    {
        using var dir = new TempDirectory();
        dir.Write("short.json", """[{"full_text": "Please call Jennifer Hartley today.", "spans": []}]""");

        var result = await CliRunner.RunAsync(dir.Path, null, "eval", "guardian", "--task", "pii", "--dataset", "short.json", "--json", "--errors", "errors.jsonl");

        Assert.Equal(0, result.ExitCode);
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(Path.Combine(dir.Path, "errors.jsonl"))));
        Assert.Equal("Please call Jennifer Hartley today.", line.RootElement.GetProperty("text").GetString());
        Assert.False(line.RootElement.TryGetProperty("text_offset", out _));
    }
}
