using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Retrieval.Storage;

/// <summary>The whole runtime on the Qdrant store: start-up ingest, retrieval and re-ingest, over the fake server.</summary>
public sealed class QdrantRuntimeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_docker_sample_configuration_is_valid_and_uses_qdrant_and_ollama()
    {
        var config = TestRuntimes.LoadValid(Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "orchestrator.docker.yaml"));

        Assert.Equal((StoreProviders.Qdrant, "http://qdrant:6334", "northwind_"), (config.Store.Provider, config.Store.Url, config.Store.CollectionPrefix));
        Assert.Equal((RouterModes.Slm, "ollama"), (config.Router.Mode, config.Router.Model));
    }

    [Fact]
    public async Task The_sample_assistant_answers_from_qdrant_and_re_ingest_writes_nothing()
    {
        await using var server = new FakeQdrantServer();
        var sample = RepoPaths.CopySample(_temp.Path);
        var docker = Path.Combine(Path.GetDirectoryName(sample)!, "orchestrator.docker.yaml");
        var yaml = (await File.ReadAllTextAsync(docker))
            .Replace("url: http://qdrant:6334", "url: " + server.Url, StringComparison.Ordinal)
            .Replace("mode: slm ", "mode: semantic #", StringComparison.Ordinal); // no Ollama here: route semantically
        await File.WriteAllTextAsync(docker, yaml);

        await using var runtime = await TestRuntimes.StartAsync(docker);
        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("How many vacation days do I get?"));
        var again = await runtime.IngestAsync("hr", [Path.Combine(Path.GetDirectoryName(docker)!, "knowledge", "hr")], progress: null);

        Assert.IsType<QdrantVectorStore>(runtime.Store);
        Assert.Contains("qdrant.Points/Query", server.Calls);
        Assert.NotEmpty(response.Citations);
        Assert.All(response.Citations, c => Assert.StartsWith("knowledge/hr", c.Source.Replace('\\', '/'), StringComparison.Ordinal));
        Assert.True(await runtime.Store.CountAsync("hr") > 0);
        Assert.Equal((0, 0), (again.FilesIngested, again.ChunksWritten));
        Assert.True(again.FilesUnchanged > 0);
    }
}
