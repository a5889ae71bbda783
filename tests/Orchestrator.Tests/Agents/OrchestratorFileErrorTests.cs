using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

public sealed class OrchestratorFileErrorTests
{
    private static ConfigLoadResult LoadWith(string find, string replace)
    {
        using var fixture = new ConfigFixture();
        Assert.Contains(find, ConfigFixture.OrchestratorYaml, StringComparison.Ordinal);
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(find, replace, StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void Unknown_top_level_field_suggests_the_closest()
    {
        var result = LoadWith("limits:", "limts:");

        var error = HasError(result, "orchestrator.yaml", 21, "unknown field 'limts'; expected one of: models, router, escalation, store, collections, limits, guardian, agents, prompts, server, telemetry, mcp_servers, state, tools, tool_confirmation, cache (did you mean 'limits'?)");
        Assert.EndsWith($"orchestrator.yaml:21: {error.Message}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nested_field_names_its_section()
    {
        HasError(LoadWith("  mode: semantic", "  mdoe: semantic"), "orchestrator.yaml", 8, "unknown field 'mdoe' in router; expected one of: mode, embedder, model, out_of_scope_examples, background, stickiness, typos (did you mean 'mode'?)");
    }

    [Theory]
    [InlineData("provider: sqlite", "provider: mysql", 17, "invalid provider 'mysql'; expected one of: sqlite, qdrant")]
    [InlineData("mode: semantic", "mode: semantc", 8, "invalid mode 'semantc'; expected one of: semantic, slm (did you mean 'semantic'?)")]
    [InlineData("{ provider: onnx,", "{ provider: onx,", 3, "invalid provider 'onx'; expected one of: embedded-minilm, onnx, openai, host (did you mean 'onnx'?)")]
    public void Wrong_enum_values_list_the_choices(string find, string replace, int line, string message)
    {
        HasError(LoadWith(find, replace), "orchestrator.yaml", line, message);
    }

    [Theory]
    [InlineData("max_input_chars: 4000", "max_input_chars: 0", 22)]
    [InlineData("max_input_chars: 4000", "max_input_chars: 1000001", 22)]
    [InlineData("max_input_chars: 4000", "max_input_chars: lots", 22)]
    public void Max_input_chars_must_be_in_range(string find, string replace, int line)
    {
        HasError(LoadWith(find, replace), "orchestrator.yaml", line, "expected a whole number from 1 to 1,000,000");
    }

    [Fact]
    public void Negative_budget_is_rejected()
    {
        HasError(LoadWith("usd_per_day: 5", "usd_per_day: -1"), "orchestrator.yaml", 15, "'usd_per_day' is -1; expected a number >= 0");
    }

    [Fact]
    public void Escalation_settings_are_checked_where_they_are_written()
    {
        HasError(LoadWith("usd_per_day: 5", "usd_per_day: 5, tenant_usd_per_day: -2"), "orchestrator.yaml", 15, "'tenant_usd_per_day' is -2; expected a number >= 0");
        HasError(LoadWith("  fallbacks: [ ollama ]", "  fallbacks: [ ollama ]\n  triggers: [ requestd ]"), "orchestrator.yaml", 15, "unknown escalation trigger 'requestd'");
        HasError(LoadWith("  fallbacks: [ ollama ]", "  fallbacks: [ ollama ]\n  repair: maybe"), "orchestrator.yaml", 15, "'repair' is 'maybe'; expected true or false");
        HasError(LoadWith("  fallbacks: [ ollama ]", "  fallbacks: [ ollama ]\n  timeout_seconds: 0"), "orchestrator.yaml", 15, "'timeout_seconds' is 0; expected a number >= 0.001");
    }

    [Fact]
    public void Wrong_node_type_says_what_was_found()
    {
        HasError(LoadWith("  fallbacks: [ ollama ]", "  fallbacks: ollama"), "orchestrator.yaml", 14, "'fallbacks' must be a list of model names");
        HasError(LoadWith("store:\n  provider: sqlite\n  path: .orchestrator/store.db\n", "store: [ sqlite ]\n\n\n"), "orchestrator.yaml", 16, "'store' must be a mapping (field: value) with fields: provider, path, url, api_key_env, collection_prefix, ann; found a list");
    }

    [Fact]
    public void Missing_agents_and_models_are_reported_at_the_top()
    {
        var noAgents = LoadWith("agents: agents/", "# no agents");
        HasError(noAgents, "orchestrator.yaml", 1, "missing required field 'agents'");

        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", "agents: agents/\n");
        HasError(fixture.Load(), "orchestrator.yaml", 1, "missing required field 'models'");
    }

    [Theory]
    [InlineData("agents: agents/", "agnets: agents/", "agents")]
    [InlineData("mode: semantic", "mode: slm\n  modle: embedder", "model")]
    public void A_misspelt_required_field_is_one_error_not_also_missing(string find, string replace, string field)
    {
        var result = LoadWith(find, replace);

        var error = Assert.Single(result.Errors);
        Assert.Contains($"(did you mean '{field}'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Router_embedder_must_be_an_embedded_minilm_model()
    {
        HasError(LoadWith("  embedder: embedder", "  embedder: ollama"), "orchestrator.yaml", 9, "router embedder 'ollama' has provider openai; expected a model with provider embedded-minilm, one of: embedder");
        HasError(LoadWith("  embedder: embedder", "  embedder: embeder"), "orchestrator.yaml", 9, "router embedder 'embeder' is not declared under models; expected a model with provider embedded-minilm, one of: embedder (did you mean 'embedder'?)");
    }

    [Fact]
    public void Slm_router_needs_a_generative_model()
    {
        HasError(LoadWith("mode: semantic", "mode: slm"), "orchestrator.yaml", 7, "missing required field 'model' in router");
        HasError(LoadWith("mode: semantic\n", "mode: slm\n  model: embedder\n"), "orchestrator.yaml", 9, "router model 'embedder' is an embedder");
    }

    [Fact]
    public void Escalation_target_and_fallbacks_must_be_declared_models()
    {
        var result = LoadWith("target: cloud\n  fallbacks: [ ollama ]", "target: clod\n  fallbacks: [ ollama, nope ]");

        HasError(result, "orchestrator.yaml", 13, "escalation target 'clod' is not declared under models; expected a generative model, one of: ");
        HasError(result, "orchestrator.yaml", 14, "escalation fallback 'nope' is not declared under models");
        Assert.Contains("(did you mean 'cloud'?)", result.Errors.Single(e => e.Line == 13).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onnx_without_path_and_openai_without_endpoint_or_model_are_errors()
    {
        var result = LoadWith(
            "local-writer: { provider: onnx, path: models/phi-4-mini-instruct-onnx }\n  ollama:       { provider: openai, endpoint: http://localhost:11434/v1, model: qwen2.5:3b }",
            "local-writer: { provider: onnx }\n  ollama:       { provider: openai, path: x }");

        HasError(result, "orchestrator.yaml", 3, "missing required field 'path' in models.local-writer");
        HasError(result, "orchestrator.yaml", 4, "missing required field 'endpoint' in models.ollama");
        HasError(result, "orchestrator.yaml", 4, "missing required field 'model' in models.ollama");
        HasError(result, "orchestrator.yaml", 4, "field 'path' does not apply to provider openai");
    }

    [Theory]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("AIzaSyD3adBeefCafe0123456789abcdefGHIJ")]
    [InlineData("$OPENAI_API_KEY")]
    public void Api_key_env_holding_a_key_is_rejected_without_echoing_it(string value)
    {
        var error = HasError(LoadWith("api_key_env: OPENAI_API_KEY", $"api_key_env: \"{value}\""), "orchestrator.yaml", 6, "write the variable's NAME, e.g. OPENAI_API_KEY");

        Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Qdrant_store_needs_a_url()
    {
        HasError(LoadWith("provider: sqlite", "provider: qdrant"), "orchestrator.yaml", 16, "missing required field 'url' in store");
    }

    [Theory]
    [InlineData("url: localhost:6334", 18, "url 'localhost:6334' is not an absolute http(s) URL")]
    [InlineData("url: ftp://qdrant:6334", 18, "url 'ftp://qdrant:6334' is not an absolute http(s) URL")]
    [InlineData("url: http://localhost:6334\n  collection_prefix: \"a/b\"", 19, "collection_prefix 'a/b' may only contain")]
    [InlineData("url: http://localhost:6334\n  api_key_env: Zx9kP2mQ7vB4nL8wR3tY6uI1oA5sD0fGhJ", 19, "write the variable's NAME")]
    public void Qdrant_store_settings_are_checked_where_they_are_written(string fields, int line, string message)
    {
        var error = HasError(LoadWith("provider: sqlite", "provider: qdrant\n  " + fields), "orchestrator.yaml", line, message);

        Assert.DoesNotContain("Zx9kP2mQ7vB4nL8wR3tY6uI1oA5sD0fGhJ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_empty_agents_folders_point_at_the_agents_line()
    {
        HasError(LoadWith("agents: agents/", "agents: nowhere/"), "orchestrator.yaml", 23, "agents folder '");
        Assert.Contains("nowhere' does not exist", LoadWith("agents: agents/", "agents: nowhere/").Errors[0].Message, StringComparison.Ordinal);

        using var fixture = new ConfigFixture();
        fixture.Write("empty/notes.txt", "no agents here");
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace("agents: agents/", "agents: empty", StringComparison.Ordinal));
        HasError(fixture.Load(), "orchestrator.yaml", 23, "has no agent files; expected at least one *.yaml or *.yml file");
    }

    [Fact]
    public void Missing_config_file_is_an_error_without_a_line()
    {
        var result = ConfigLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "orchestrator.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Line);
        Assert.EndsWith("orchestrator.yaml: file not found; expected a YAML configuration file at this path", error.ToString(), StringComparison.Ordinal);
    }
}
