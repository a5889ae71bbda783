using Orchestrator.Hosting;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Architecture;

/// <summary>
/// Keeps the core a layered pipeline: contracts and configuration at the bottom, the stages above
/// them, the pipeline above those and hosting on top. Print the graph with
/// <c>dotnet test tests/Orchestrator.Tests --filter "FullyQualifiedName~ArchitectureTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>Each folder may use only folders with a lower rank. Folders of equal rank must not use each other.</summary>
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Configuration"] = 0,
        ["Contracts"] = 1,
        ["Diagnostics"] = 2,
        ["State"] = 2,
        ["TextUnits"] = 2,
        ["Models"] = 3,
        ["Prompts"] = 4,
        ["Retrieval"] = 4,
        ["Guardian"] = 4,
        ["Tools"] = 4,
        ["Routing"] = 4,
        ["Specialists"] = 5,
        ["Escalation"] = 6,
        ["Caching"] = 6,
        ["Pipeline"] = 7,
        ["Hosting"] = 8,
    };

    private static readonly Lazy<FolderGraph> Core = new(() => FolderGraph.Of(typeof(OrchestratorRuntime).Assembly));

    [Fact]
    public void Core_folders_form_no_cycle()
    {
        output.WriteLine(Core.Value.Render());
        var cycles = Core.Value.Cycles();
        Assert.True(cycles.Count == 0, "import cycles between the core's folders: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void Every_core_folder_uses_only_lower_layers()
    {
        var graph = Core.Value;
        var unknown = graph.Folders.Where(f => !Layers.ContainsKey(f)).ToList();
        Assert.True(unknown.Count == 0, $"new core folder(s) {string.Join(", ", unknown)}: give each a layer in {nameof(ArchitectureTests)}.{nameof(Layers)}");
        var upward = graph.Edges
            .SelectMany(e => e.Value.Where(u => Layers[u.Key] >= Layers[e.Key]).Select(u => $"{e.Key} -> {u.Key} ({string.Join(", ", u.Value.Take(3))})"))
            .ToList();
        Assert.True(upward.Count == 0, "dependencies that point up or sideways:" + Environment.NewLine + string.Join(Environment.NewLine, upward));
    }

    [Fact]
    public void Graph_reads_real_dependencies()
    {
        // The check must be able to fail: the pipeline really uses the router contract and the stages.
        var pipeline = Core.Value.Edges["Pipeline"];
        Assert.Contains("Contracts", pipeline.Keys);
        Assert.Contains("Escalation", pipeline.Keys);
        Assert.Equal("Contracts", FolderGraph.FolderOf("Orchestrator"));
        Assert.Equal("Retrieval", FolderGraph.FolderOf("Orchestrator.Retrieval.Storage.Qdrant"));
        Assert.Null(FolderGraph.FolderOf("Microsoft.Extensions.DependencyInjection"));
    }
}
