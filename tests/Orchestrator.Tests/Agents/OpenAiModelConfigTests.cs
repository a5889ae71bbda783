using Orchestrator.Configuration;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Agents;

/// <summary>The openai model fields: headers, timeout_seconds, max_retries, max_output_tokens, temperature.</summary>
public sealed class OpenAiModelConfigTests
{
    private const string Ollama = "  ollama:       { provider: openai, endpoint: http://localhost:11434/v1, model: qwen2.5:3b }";

    private static ConfigLoadResult LoadWithOllama(string replacement)
    {
        using var fixture = new ConfigFixture();
        Assert.Contains(Ollama, ConfigFixture.OrchestratorYaml, StringComparison.Ordinal);
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(Ollama, replacement, StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void All_new_fields_parse()
    {
        var result = LoadWithOllama("""
              ollama:
                provider: openai
                endpoint: http://localhost:11434/v1
                model: qwen2.5:3b
                headers: { X-Team: search, X-Gateway-Token: "Bearer ${GATEWAY_TOKEN}" }
                timeout_seconds: 12.5
                max_retries: 0
                max_output_tokens: 512
                temperature: 0.3
            """.TrimEnd());

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        var model = result.Config!.Models["ollama"];
        Assert.Equal("search", model.Headers["X-Team"]);
        // References stay unexpanded in the config: secrets are read only when the client is built.
        Assert.Equal("Bearer ${GATEWAY_TOKEN}", model.Headers["x-gateway-token"]);
        Assert.Equal(12.5, model.TimeoutSeconds);
        Assert.Equal(0, model.MaxRetries);
        Assert.Equal(512, model.MaxOutputTokens);
        Assert.Equal(0.3, model.Temperature);
    }

    [Fact]
    public void Temperature_above_two_is_an_error_at_its_line()
    {
        HasError(LoadWithOllama(Ollama.Replace("qwen2.5:3b }", "qwen2.5:3b, temperature: 3 }", StringComparison.Ordinal)), "orchestrator.yaml", 4, "expected a number from 0 to 2");
    }

    [Fact]
    public void Zero_max_output_tokens_is_an_error()
    {
        HasError(LoadWithOllama(Ollama.Replace("qwen2.5:3b }", "qwen2.5:3b, max_output_tokens: 0 }", StringComparison.Ordinal)), "orchestrator.yaml", 4, "'max_output_tokens' is 0");
    }

    [Fact]
    public void Headers_do_not_apply_to_onnx_models()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(
            "path: models/phi-4-mini-instruct-onnx }", "path: models/phi-4-mini-instruct-onnx, headers: { X-A: b } }", StringComparison.Ordinal));

        HasError(fixture.Load(), "orchestrator.yaml", 3, "field 'headers' does not apply to provider onnx");
    }

    [Fact]
    public void Bad_env_reference_in_a_header_is_reported_without_the_value()
    {
        var error = HasError(
            LoadWithOllama(Ollama.Replace("qwen2.5:3b }", "qwen2.5:3b, headers: { X-Key: \"sk-live-1234 ${not a name}\" } }", StringComparison.Ordinal)),
            "orchestrator.yaml", 4, "header 'X-Key' references '${not a name}'");

        Assert.DoesNotContain("sk-live-1234", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_value_must_be_text()
    {
        HasError(LoadWithOllama(Ollama.Replace("qwen2.5:3b }", "qwen2.5:3b, headers: { X-List: [a, b] } }", StringComparison.Ordinal)), "orchestrator.yaml", 4, "header 'X-List' must have a text value");
    }
}
