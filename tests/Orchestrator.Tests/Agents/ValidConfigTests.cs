using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

public sealed class ValidConfigTests
{
    [Fact]
    public void Documented_config_loads_into_the_object_model()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var config = Assert.IsType<OrchestratorConfig>(result.Config);
        Assert.Equal(Path.GetFullPath(fixture.ConfigPath), config.ConfigFile);
        Assert.Equal(["cloud", "embedder", "local-writer", "ollama"], config.Models.Keys.Order(StringComparer.Ordinal));
        Assert.True(config.Models["embedder"].IsEmbedder);
        Assert.Equal("models/phi-4-mini-instruct-onnx", config.Models["local-writer"].Path);
        var cloud = config.Models["cloud"];
        Assert.Equal(("openai", "https://api.openai.com/v1", "gpt-4.1", "OPENAI_API_KEY"), (cloud.Provider, cloud.Endpoint, cloud.Model, cloud.ApiKeyEnv));
        Assert.Equal((2.0, 8.0), (cloud.Price!.InputPerMtok, cloud.Price.OutputPerMtok));
        Assert.Equal(("semantic", "embedder"), (config.Router.Mode, config.Router.Embedder));
        Assert.Equal(["What's the weather tomorrow?"], config.Router.OutOfScopeExamples);
        Assert.Equal(("cloud", 5.0), (config.Escalation.Target, config.Escalation.BudgetUsdPerDay));
        Assert.Equal(["ollama"], config.Escalation.Fallbacks);
        Assert.Equal(("sqlite", ".orchestrator/store.db"), (config.Store.Provider, config.Store.Path));
        Assert.Equal(["knowledge/hr"], config.Collections["hr"].Paths);
        Assert.Equal(4000, config.Limits.MaxInputChars);
        Assert.Equal(("agents/", "prompts/"), (config.AgentsPath, config.PromptsPath));
    }

    [Fact]
    public void Agents_load_with_every_field_and_non_yaml_files_are_ignored()
    {
        using var fixture = new ConfigFixture();

        var config = fixture.Load().Config!;

        Assert.Equal(2, config.Agents.Count);
        var hr = config.FindAgent("HR-POLICY")!;
        Assert.Equal(AgentKind.Retrieval, hr.Kind);
        Assert.Equal("Answers questions about HR policies - leave, benefits.", hr.Description);
        Assert.Equal(3, hr.Examples.Count);
        Assert.Equal(("hr", "local-writer", "grounded-answer"), (hr.Knowledge, hr.Model, hr.Prompt));
        Assert.Equal(["groundedness", "pii"], hr.Guardian);
        Assert.True(hr.Escalation.Allowed);
        Assert.EndsWith("hr-policy.yaml", hr.SourceFile, StringComparison.Ordinal);
        var it = config.FindAgent("it-helpdesk")!;
        Assert.Equal(AgentKind.Tool, it.Kind);
        Assert.Equal(["create_it_ticket"], it.Tools);
        Assert.False(it.Escalation.Allowed);
    }

    [Fact]
    public void Minimal_config_gets_the_documented_defaults()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", "models:\n  embedder: { provider: embedded-minilm }\nagents: agents\n");
        fixture.Write("agents/hr-policy.yaml", "name: chat\nkind: generation\ndescription: Small talk.\nexamples: [hi, hello, hey there]\n");
        File.Delete(Path.Combine(fixture.Directory.Path, "agents", "it-helpdesk.yaml"));

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(("semantic", "embedder", null), (config.Router.Mode, config.Router.Embedder, config.Router.Model));
        Assert.Equal(("sqlite", ".orchestrator/store.db"), (config.Store.Provider, config.Store.Path));
        Assert.Equal(4000, config.Limits.MaxInputChars);
        Assert.Equal("prompts", config.PromptsPath);
        Assert.Null(config.Escalation.Target);
        Assert.Equal((true, false), (config.Agents[0].Escalation.Allowed, config.Agents[0].Escalation.Always));
    }

    [Fact]
    public void Unused_model_and_collection_are_warnings_not_errors()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml
            .Replace("fallbacks: [ ollama ]", "fallbacks: []", StringComparison.Ordinal)
            .Replace("hr: { paths: [ knowledge/hr ] }", "hr: { paths: [ knowledge/hr ] }\n  old: {}", StringComparison.Ordinal));

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
        Assert.Contains(result.Warnings, w => w.Line == 4 && w.Message.Contains("model 'ollama' is declared but nothing uses it", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Line == 21 && w.Message.Contains("collection 'old'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agent_file_with_errors_does_not_make_what_it_uses_read_as_unused()
    {
        // The only agent that uses collection 'hr' and model 'local-writer' fails to load: the user
        // should see its error, not also "declared but no agent uses it" for what it names.
        using var fixture = new ConfigFixture();
        fixture.Write("agents/hr-policy.yaml", ConfigFixture.HrAgentYaml.Replace("kind: retrieval", "kind: retreival", StringComparison.Ordinal));

        var result = fixture.Load();

        Assert.Contains(result.Errors, e => e.Message.Contains("invalid kind 'retreival'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("is declared but", StringComparison.Ordinal));
    }
}
