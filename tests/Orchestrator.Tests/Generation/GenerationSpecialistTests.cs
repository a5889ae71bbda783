using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Prompts;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Generation;

public sealed class GenerationSpecialistTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static AgentDefinition Writer(string? model = OpenAiTestConfig.ModelName, string? prompt = "draft") => new()
    {
        Name = "writer",
        Kind = AgentKind.Generation,
        Description = "Drafts text",
        Model = model,
        Prompt = prompt,
    };

    private static readonly PromptLibrary Prompts = PromptLibrary.FromTemplates(new Dictionary<string, string>
    {
        ["draft"] = "Draft this for Northwind: {{$question}}",
    });

    private GenerationSpecialist Specialist(ModelConfig? model, out ModelRegistry registry)
    {
        registry = new ModelRegistry(OpenAiTestConfig.Config(model ?? OpenAiTestConfig.Model(_server)), NullLoggerFactory.Instance);
        return new GenerationSpecialist(registry, Prompts);
    }

    [Fact]
    public async Task Renders_the_agents_prompt_and_returns_the_models_text()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Subject: Office move\n\nHi team, we are moving."));
        var specialist = Specialist(null, out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("an email about the office move", Writer()));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("Subject: Office move\n\nHi team, we are moving.", result.Answer);
        Assert.Equal((11, 7), (result.PromptTokens, result.CompletionTokens));
        var messages = Assert.Single(_server.Requests).Messages;
        Assert.Equal("system", messages[0].Role);
        Assert.Equal(("user", "Draft this for Northwind: an email about the office move"), messages[1]);
    }

    [Fact]
    public async Task Without_a_prompt_the_default_template_carries_the_question()
    {
        var specialist = Specialist(null, out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("a thank-you note", Writer(prompt: null)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains("Request:\na thank-you note", Assert.Single(_server.Requests).Messages[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_the_answer_in_pieces()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Dear team, thanks for a great quarter."));
        var specialist = Specialist(null, out var registry);
        using var _ = registry;

        var pieces = new List<string>();
        await foreach (var piece in specialist.StreamAsync(new SpecialistRequest("thanks note", Writer())))
        {
            pieces.Add(piece);
        }

        Assert.True(pieces.Count > 1);
        Assert.Equal("Dear team, thanks for a great quarter.", string.Concat(pieces));
        Assert.True(Assert.Single(_server.Requests).Stream);
    }

    [Fact]
    public async Task Model_output_is_cleaned_of_control_characters()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Hello\u001b[31m red\u0007 world\u0000"));
        var specialist = Specialist(null, out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("hi", Writer()));

        Assert.Equal("Hello[31m red world", result.Answer);
    }

    [Fact]
    public async Task Server_error_is_a_failed_result_not_an_exception()
    {
        _server.DefaultReply = FakeOpenAiReply.Error(500, "upstream exploded with secret sk-abc");
        var specialist = Specialist(null, out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("hi", Writer()));

        Assert.False(result.Succeeded);
        Assert.Equal($"model '{OpenAiTestConfig.ModelName}' returned HTTP 500", result.FailureReason);
    }

    [Fact]
    public async Task Missing_key_variable_fails_with_a_reason_for_end_users_that_hides_the_variable()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("GEN");
        var specialist = Specialist(OpenAiTestConfig.Model(_server, apiKeyEnv: variable), out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("hi", Writer()));

        // The reason reaches end users (attempts, the notice); the variable's name is for the operator (models check, start-up warning).
        Assert.False(result.Succeeded);
        Assert.Contains("is not set up on this server", result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain(variable, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_never_answers_times_out_as_a_failure()
    {
        _server.DefaultReply = FakeOpenAiReply.Hanging();
        var specialist = Specialist(OpenAiTestConfig.Model(_server, timeoutSeconds: 0.3), out var registry);
        using var _ = registry;

        var result = await specialist.AnswerAsync(new SpecialistRequest("hi", Writer()));

        Assert.False(result.Succeeded);
        Assert.Contains("did not answer in time", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_builds_each_client_once_and_disposes_them()
    {
        var registry = new ModelRegistry(OpenAiTestConfig.Config(OpenAiTestConfig.Model(_server)), NullLoggerFactory.Instance);

        var first = registry.GetChatClient(OpenAiTestConfig.ModelName);
        Assert.Same(first, registry.GetChatClient(OpenAiTestConfig.ModelName));
        registry.Dispose();

        Assert.Throws<ObjectDisposedException>(() => registry.GetChatClient(OpenAiTestConfig.ModelName));
    }
}
