using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The shipped sample, copied to a temp folder and started once for all end-to-end tests: first
/// start ingests the knowledge base and fits the router, exactly as a fresh clone's first ask does.
/// </summary>
public sealed class SampleRuntimeFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public OrchestratorRuntime Runtime { get; private set; } = null!;

    public string ConfigFile { get; private set; } = "";

    public string Root => _dir.Path;

    public async Task InitializeAsync()
    {
        ConfigFile = RepoPaths.CopySample(_dir.Path);
        var loaded = ConfigLoader.Load(ConfigFile, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        Runtime = await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
    }

    public async Task DisposeAsync()
    {
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }

        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SampleRuntimeCollection : ICollectionFixture<SampleRuntimeFixture>
{
    public const string Name = "sample runtime";
}
