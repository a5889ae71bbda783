using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary><c>models check [--json]</c>: each configured model's status and latency; JSON on stdout only.</summary>
public sealed class ModelsCheckCliTests
{
    [Fact]
    public async Task Models_check_json_prints_one_object_with_each_models_status_and_latency()
    {
        using var dir = new TempDirectory();
        var init = await CliRunner.RunAsync(dir.Path, null, "init", "assistant");
        Assert.True(init.ExitCode == 0, init.Error);
        var config = Path.Combine(dir.Path, "assistant", "orchestrator.yaml");

        var json = await CliRunner.RunAsync(dir.Path, null, "--config", config, "models", "check", "--json");
        var text = await CliRunner.RunAsync(dir.Path, null, "--config", config, "models", "check");

        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Equal(1, json.Out.Count(c => c == '\n'));
        using var doc = JsonDocument.Parse(json.Out);
        var model = Assert.Single(doc.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal("embedder", model.GetProperty("name").GetString());
        Assert.Equal("ok", model.GetProperty("status").GetString());
        Assert.True(model.GetProperty("latency_ms").GetDouble() > 0);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("embedder", text.Out, StringComparison.Ordinal);
        Assert.Contains(" ms", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("using config", json.Out + text.Out, StringComparison.Ordinal);
    }
}
