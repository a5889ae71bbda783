using Orchestrator.Agents;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Support;

/// <summary>Loads a configuration that must be valid and starts the real runtime over it.</summary>
internal static class TestRuntimes
{
    public static OrchestratorConfig LoadValid(string configFile)
    {
        var loaded = ConfigLoader.Load(configFile);
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        return loaded.Config!;
    }

    public static Task<OrchestratorRuntime> StartAsync(string configFile, RuntimeOptions? options = null) =>
        OrchestratorRuntime.StartAsync(LoadValid(configFile), options);
}
