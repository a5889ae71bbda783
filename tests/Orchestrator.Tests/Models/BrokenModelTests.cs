using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

/// <summary>
/// A model that cannot be used, as its operator and its end users see it. The broken ONNX folder is
/// built here (a valid genai_config.json over a garbage .onnx file), so nothing from ../shared is needed.
/// </summary>
public sealed class BrokenModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public BrokenModelTests()
    {
        _dir.Write("broken-model/genai_config.json",
            """{ "model": { "type": "gpt2", "vocab_size": 10, "context_length": 8, "decoder": { "filename": "model.onnx", "head_size": 2, "num_hidden_layers": 1, "num_key_value_heads": 1, "num_attention_heads": 1, "hidden_size": 2 } } }""");
        File.WriteAllBytes(Path.Combine(_dir.Path, "broken-model", "model.onnx"), [1, 2, 3, 4]);
        _dir.Write("knowledge/parking.md", "# Parking\n\n## Garage\nEmployees park on level 2 of the garage on weekdays.\n");
        _dir.Write("agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules for staff and visitors.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            model: writer
            guardian: [ groundedness, pii ]
            """);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_broken_onnx_model_on_a_retrieval_agent_falls_back_to_the_extractive_answer_and_says_so()
    {
        await using var runtime = await TestRuntimes.StartAsync(Config("writer: { provider: onnx, path: broken-model }"));

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where do employees park?", "parking"));

        Assert.Contains("level 2", response.Answer, StringComparison.Ordinal);
        Assert.False(response.Escalation.Needed);
        Assert.NotEmpty(response.Citations);
        var attempt = Assert.Single(response.Attempts);
        Assert.True(attempt.Ok);
        Assert.StartsWith("extractive answer used: model 'writer' could not be loaded", attempt.Detail, StringComparison.Ordinal);

        // No model wrote the answer, so no model tokens are reported.
        Assert.Equal((0, 0), (response.Cost.PromptTokens, response.Cost.CompletionTokens));
        AssertNoOperatorDetails(response);
    }

    [Fact]
    public async Task An_unreachable_openai_model_on_a_retrieval_agent_reports_no_tokens_and_no_internals()
    {
        await using var runtime = await TestRuntimes.StartAsync(Config("writer: { provider: openai, endpoint: \"http://127.0.0.1:9/v1\", model: m, max_retries: 0, timeout_seconds: 5 }"));

        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where do employees park?", "parking"));

        Assert.Contains("level 2", response.Answer, StringComparison.Ordinal);
        Assert.StartsWith("extractive answer used: model 'writer'", Assert.Single(response.Attempts).Detail, StringComparison.Ordinal);
        Assert.Equal((0, 0), (response.Cost.PromptTokens, response.Cost.CompletionTokens));
        AssertNoOperatorDetails(response);
    }

    [Fact]
    public async Task Models_check_reports_the_broken_onnx_model_with_the_real_error_and_the_fix()
    {
        var checker = new ModelChecker(TestRuntimes.LoadValid(Config("writer: { provider: onnx, path: broken-model }")), NullLoggerFactory.Instance, TimeSpan.FromSeconds(30));

        var result = await checker.CheckAsync("writer");

        Assert.Equal(ModelCheckStatus.Failed, result.Status);
        Assert.Contains("could not load it", result.Detail, StringComparison.Ordinal);
        Assert.Contains("model builder", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("AggregateException", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_check_reports_an_unreachable_openai_model_as_failed_with_the_reason()
    {
        var checker = new ModelChecker(TestRuntimes.LoadValid(Config("writer: { provider: openai, endpoint: \"http://127.0.0.1:9/v1\", model: m, max_retries: 0 }")), NullLoggerFactory.Instance, TimeSpan.FromSeconds(20));

        var result = await checker.CheckAsync("writer");

        Assert.Equal(ModelCheckStatus.Failed, result.Status);
        Assert.Contains("could not be reached at http://127.0.0.1:9/v1", result.Detail, StringComparison.Ordinal);
        Assert.Contains("refused", result.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("check the endpoint", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"}}]}")]
    [InlineData("[1,2,3]")]
    public async Task Models_check_fails_an_endpoint_that_answers_200_without_a_chat_completion(string body)
    {
        await using var server = FakeOpenAiServer.Start();
        server.DefaultReply = FakeOpenAiReply.Raw(200, body);
        var checker = new ModelChecker(OpenAiTestConfig.Config(OpenAiTestConfig.Model(server)), NullLoggerFactory.Instance, TimeSpan.FromSeconds(20));

        var result = await checker.CheckAsync(OpenAiTestConfig.ModelName);

        Assert.Equal(ModelCheckStatus.Failed, result.Status);
        Assert.Contains("not with a chat completion", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_check_unwraps_wrapped_errors()
    {
        await using var server = FakeOpenAiServer.Start();
        server.DefaultReply = FakeOpenAiReply.Raw(200, "<html>captive portal</html>");
        var checker = new ModelChecker(OpenAiTestConfig.Config(OpenAiTestConfig.Model(server)), NullLoggerFactory.Instance, TimeSpan.FromSeconds(20));

        var result = await checker.CheckAsync(OpenAiTestConfig.ModelName);

        Assert.Equal(ModelCheckStatus.Failed, result.Status);
        Assert.DoesNotMatch(@"failed: \w+Exception$", result.Detail);
        Assert.True(result.Detail.Length > $"model '{OpenAiTestConfig.ModelName}' failed: ".Length + 5, result.Detail);
    }

    private static void AssertNoOperatorDetails(OrchestratorResponse response)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(response, OrchestratorJson.Options);
        Assert.DoesNotMatch(@"\b\w+Exception\b", json);
        Assert.DoesNotContain("broken-model", json, StringComparison.Ordinal);
    }

    private string Config(string writer) => _dir.Write("orchestrator.yaml", $$"""
        models:
          embedder: { provider: embedded-minilm }
          {{writer}}
        collections:
          facilities: { paths: [ knowledge ] }
        agents: agents/
        """);
}
