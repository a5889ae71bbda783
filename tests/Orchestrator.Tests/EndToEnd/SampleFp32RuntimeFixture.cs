using Microsoft.Extensions.AI;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The shipped sample with its embedder set to <c>quantization: none</c> (the fp32 model), copied to a
/// temp folder and started once, like <see cref="SampleRuntimeFixture"/>.
/// </summary>
public sealed class SampleFp32RuntimeFixture : IAsyncLifetime
{
    private const string ShippedEmbedderLine = "embedder: { provider: embedded-minilm }";

    private readonly TempDirectory _dir = new();

    public OrchestratorRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configFile = RepoPaths.CopySample(_dir.Path);
        var yaml = await File.ReadAllTextAsync(configFile);
        Assert.Contains(ShippedEmbedderLine, yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(configFile, yaml.Replace(ShippedEmbedderLine, "embedder: { provider: embedded-minilm, quantization: none }", StringComparison.Ordinal));
        var loaded = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        Runtime = await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, Runtime.Embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
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
