using System.Text.Json;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The sample's own question set (samples/enterprise-assistant/questions.jsonl, written apart from the
/// agents' examples), asked through a whole runtime: each question must reach its agent, or be rejected
/// when labelled oos, and answers from retrieval agents must cite the expected document.
/// </summary>
internal static class SampleQuestions
{
    private sealed record Question(string Text, string Label, string? Source);

    public static async Task AssertRoutedAndCitedAsync(OrchestratorRuntime runtime, ITestOutputHelper output)
    {
        var path = Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "questions.jsonl");
        var questions = (await File.ReadAllLinesAsync(path))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<Question>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!)
            .ToList();
        Assert.True(questions.Count >= 20);

        var misses = new List<string>();
        foreach (var q in questions)
        {
            var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest(q.Text));
            var routed = response.Route.OutOfScope ? "oos" : response.Route.Agent;
            if (routed != q.Label)
            {
                misses.Add($"route: '{q.Text}' → {routed} (expected {q.Label})");
            }
            else if (q.Source is not null && !response.Citations.Any(c => c.Source.EndsWith(q.Source, StringComparison.Ordinal)))
            {
                misses.Add($"citation: '{q.Text}' cites {string.Join(", ", response.Citations.Select(c => c.Source))} (expected {q.Source})");
            }
        }

        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        // Small, hand-written set: allow one miss in ten so a single borderline phrasing does not
        // block a change, but a real regression in routing or retrieval does.
        Assert.True(misses.Count <= questions.Count / 10, string.Join("\n", misses));
    }
}
