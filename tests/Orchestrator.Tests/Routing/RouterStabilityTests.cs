using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Routing;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// Adding an unrelated agent must not flip a near-tied pair of routes. The sample's deliberate near
/// miss ("... do I get?" is policy, "... do I have left?" is a balance lookup) flipped to
/// leave-balance with any eighth agent while the head stopped training before it converged
/// (docs/benchmarks.md, "Router stability when agents are added").
/// </summary>
public sealed class RouterStabilityTests
{
    private static readonly RouteExamples MeetingRooms = new("meeting-rooms",
    [
        "book the Canal room for 3pm", "reserve a meeting room for tomorrow morning", "I need a room for six people on Friday",
        "is the boardroom free at noon?", "cancel my room booking", "find me a quiet room for a call",
    ]);

    public static TheoryData<string> AgentSets => ["sample", "sample + meeting rooms", "sample + calculator"];

    [Theory]
    [MemberData(nameof(AgentSets))]
    public async Task The_sample_near_miss_keeps_its_routes_when_an_agent_is_added(string agentSet)
    {
        var router = await SemanticRouter.FitAsync(TrainingSet(agentSet), SharedEmbedder.Instance);

        Assert.Equal("hr-policy", (await router.RouteAsync("How many vacation days do I get?")).Route);
        Assert.Equal("leave-balance", (await router.RouteAsync("How many vacation days do I have left?")).Route);
    }

    private static RouterTrainingSet TrainingSet(string agentSet)
    {
        using var copy = new TempDirectory();
        var config = RepoPaths.CopySample(copy.Path);
        if (agentSet == "sample + calculator")
        {
            File.Copy(Path.Combine(Path.GetDirectoryName(config)!, "agents-optional", "calculator.yaml"), Path.Combine(copy.Path, "agents", "calculator.yaml"));
        }

        var loaded = ConfigLoader.Load(config, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        var set = OrchestratorRuntime.TrainingSetFrom(loaded.Config!);
        return agentSet == "sample + meeting rooms" ? set with { Routes = [.. set.Routes, MeetingRooms] } : set;
    }
}
