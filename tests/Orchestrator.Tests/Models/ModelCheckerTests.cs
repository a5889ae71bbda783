using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

public sealed class ModelCheckerTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ModelChecker Checker(params ModelConfig[] models) =>
        new(OpenAiTestConfig.Config(models), NullLoggerFactory.Instance, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Chat_model_that_answers_is_ok_after_one_tiny_generation()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("OK"));

        var result = await Checker(OpenAiTestConfig.Model(_server)).CheckAsync(OpenAiTestConfig.ModelName);

        Assert.Equal(ModelCheckStatus.Ok, result.Status);
        Assert.Equal(ModelProviders.OpenAI, result.Provider);
        Assert.Contains("\"OK\"", result.Detail, StringComparison.Ordinal);
        Assert.True(result.LatencyMs > 0);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("user", "Reply with OK"), request.Messages.Single());
        // The check's own 8-token cap wins over the model's configured max_output_tokens.
        Assert.Equal(8, (request.Json!["max_completion_tokens"] ?? request.Json!["max_tokens"])!.GetValue<int>());
    }

    [Fact]
    public async Task Server_error_is_failed_with_the_status_and_no_body()
    {
        _server.DefaultReply = FakeOpenAiReply.Error(401, "Incorrect API key provided: sk-leak", "invalid_request_error", "invalid_api_key");

        var result = await Checker(OpenAiTestConfig.Model(_server)).CheckAsync(OpenAiTestConfig.ModelName);

        Assert.Equal(ModelCheckStatus.Failed, result.Status);
        Assert.Contains("HTTP 401", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-leak", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_key_variable_is_unconfigured_and_sends_nothing()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("CHECK");

        var result = await Checker(OpenAiTestConfig.Model(_server, apiKeyEnv: variable)).CheckAsync(OpenAiTestConfig.ModelName);

        Assert.Equal(ModelCheckStatus.Unconfigured, result.Status);
        Assert.Contains(variable, result.Detail, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Check_all_covers_embedders_and_chat_models_in_name_order()
    {
        var embedder = new ModelConfig { Name = "embedder", Provider = ModelProviders.EmbeddedMiniLm };
        var unreachable = new ModelConfig { Name = "zz-down", Provider = ModelProviders.OpenAI, Endpoint = "http://127.0.0.1:9/v1", Model = "m", MaxRetries = 0 };

        var results = await Checker(OpenAiTestConfig.Model(_server), embedder, unreachable).CheckAllAsync();

        Assert.Equal(["embedder", OpenAiTestConfig.ModelName, "zz-down"], results.Select(r => r.Name));
        Assert.Equal([ModelCheckStatus.Ok, ModelCheckStatus.Ok, ModelCheckStatus.Failed], results.Select(r => r.Status));
        Assert.Contains("384 dimensions", results[0].Detail, StringComparison.Ordinal);
    }
}
