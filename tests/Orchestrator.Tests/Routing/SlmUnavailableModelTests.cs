using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Tests.Routing;

public sealed class SlmUnavailableModelTests
{
    [Fact]
    public async Task An_unbuildable_router_model_falls_back_to_the_semantic_router_at_start_up()
    {
        using var dir = new TempDirectory();
        dir.Write("agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            """);
        dir.Write("knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n");
        var variable = "ORCH_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var configFile = dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              router-model: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: m, api_key_env: {{variable}} }
            router: { mode: slm, model: router-model }
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            """);
        var loaded = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext());
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        var warnings = new List<string>();

        await using var runtime = await TestRuntimes.StartAsync(loaded.Config!, new RuntimeOptions { Status = new SyncProgress(warnings) });
        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where do staff park their cars?"));

        Assert.Equal("parking", response.Route.Agent);
        Assert.Contains(warnings, w => w.Contains(variable, StringComparison.Ordinal));
    }
}
