using System.Text.Json;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// The JIT settings the served processes ship with: the CLI and the aspnet-host sample both keep tiered
/// compilation without dynamic PGO (docs/benchmarks.md, "perf30"), as their runtimeconfig files say.
/// </summary>
public sealed class ShippedRuntimeConfigTests
{
    [Theory]
    [InlineData("orchestrator.runtimeconfig.json")]
    [InlineData("AspNetHost.runtimeconfig.json")]
    public void Dynamic_pgo_is_off_and_tiering_is_on(string file)
    {
        // The test project references both executables, so their runtimeconfig files sit next to it.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo), $"{file} does not set System.Runtime.TieredPGO");
        Assert.False(pgo.GetBoolean());
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out _), $"{file} changes tiered compilation");
    }
}
