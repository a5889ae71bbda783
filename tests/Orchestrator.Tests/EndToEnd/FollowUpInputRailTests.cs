using System.Text.Json.Nodes;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// Issue 11: with <c>harm: block</c> on the input rail, two ordinary follow-ups of the sample ("and a P3?",
/// "what about outside those hours?") were blocked, judged as bare fragments just over the threshold. Each
/// follow-up case of the sample's eval/answers.jsonl is now judged in its conversation and none is blocked.
/// </summary>
public sealed class FollowUpInputRailTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private OrchestratorRuntime? _runtime;

    public async Task InitializeAsync()
    {
        _runtime = await EditedSample.StartAsync(_dir.Path, (path, text) => path.EndsWith("enterprise-assistant/orchestrator.yaml", StringComparison.Ordinal)
            ? text.Replace("\nguardian:\n", "\nguardian:\n  rails: { input: { harm: block, injection: block } }\n", StringComparison.Ordinal)
            : text);
        Assert.False(_runtime.Config.Guardian.Rails.IsEmpty);
    }

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task No_follow_up_of_the_sample_is_blocked_by_the_input_rail()
    {
        var blocked = new List<string>();
        var cases = File.ReadLines(Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "eval", "answers.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .Where(c => c["category"]!.GetValue<string>() == "followup")
            .ToList();
        foreach (var sampleCase in cases)
        {
            var messages = sampleCase["messages"]!.AsArray().Select(m => new ConversationTurn(m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
            var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest(messages[^1].Text) { History = messages[..^1] });
            if (response.Guardian.Checks.FirstOrDefault(c => c is { Stage: "input", Passed: false }) is { } check)
            {
                blocked.Add($"{sampleCase["id"]} '{messages[^1].Text}': {check.Name} {check.Detail}");
            }
        }

        Assert.True(cases.Count >= 40, $"{cases.Count} follow-up cases");
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));
    }
}
