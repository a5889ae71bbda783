using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Support;

/// <summary>Loads a configuration that must be valid and starts the real runtime over it.</summary>
internal static class TestRuntimes
{
    public static OrchestratorConfig LoadValid(string configFile)
    {
        var loaded = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        return loaded.Config!;
    }

    public static Task<OrchestratorRuntime> StartAsync(string configFile, RuntimeOptions? options = null) =>
        StartAsync(LoadValid(configFile), options);

    /// <summary>Starts the runtime with the CLI's sample tools, as <c>orchestrator</c> would, unless <paramref name="options"/> brings its own.</summary>
    public static Task<OrchestratorRuntime> StartAsync(OrchestratorConfig config, RuntimeOptions? options = null) =>
        OrchestratorRuntime.StartAsync(config, WithSampleTools(config, options));

    public static RuntimeOptions WithSampleTools(OrchestratorConfig config, RuntimeOptions? options = null) =>
        options?.Tools is not null ? options : (options ?? new RuntimeOptions()) with { Tools = BuiltInTools.For(config) };
}
