using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Tests.Agents;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

/// <summary>
/// The output cap reaches the wire as <c>max_completion_tokens</c> (the OpenAI SDK's field), or as
/// <c>max_tokens</c> for a model with <c>max_tokens_field: max_tokens</c> (servers that read only the
/// older field: older vLLM, llama.cpp, some gateways). Checked on the fake server's wire.
/// </summary>
public sealed class MaxTokensFieldTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task By_default_the_cap_is_sent_as_max_completion_tokens_only()
    {
        using var client = Client(field: null);

        await client.GetResponseAsync("hi");

        var json = Assert.Single(_server.Requests).Json!.AsObject();
        Assert.Equal(256, json["max_completion_tokens"]!.GetValue<int>());
        Assert.False(json.ContainsKey("max_tokens"));
    }

    [Fact]
    public async Task With_max_tokens_field_max_tokens_the_cap_is_sent_as_max_tokens_only_streamed_or_not()
    {
        using var client = Client(MaxTokensFields.MaxTokens);

        var answer = await client.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 40 });
        await foreach (var update in client.GetStreamingResponseAsync("hi again"))
        {
            _ = update;
        }

        Assert.Equal("OK", answer.Text);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.False(r.Json!.AsObject().ContainsKey("max_completion_tokens")));
        Assert.Equal(40, _server.Requests[0].Json!["max_tokens"]!.GetValue<int>());
        Assert.Equal(256, _server.Requests[1].Json!["max_tokens"]!.GetValue<int>());
        Assert.True(_server.Requests[1].Stream);
        Assert.Equal("hi again", _server.Requests[1].Messages[^1].Content);
    }

    [Fact]
    public void The_field_is_read_from_yaml_and_a_wrong_value_names_the_choices()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("orchestrator.yaml", Config("max_tokens_field: max_tokens"));
        dir.Write("agents/a.yaml", """
            name: writer
            kind: generation
            description: Drafts short notes for the team.
            model: legacy
            examples: [ "draft a note", "write a short memo", "compose a reminder" ]
            """);
        Assert.Equal("max_tokens", TestRuntimes.LoadValid(good).Models["legacy"].MaxTokensField);

        var bad = dir.Write("orchestrator.yaml", Config("max_tokens_field: maxTokens"));
        var result = ConfigLoader.Load(bad, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());
        ConfigAssert.HasError(result, "orchestrator.yaml", 3, "max_completion_tokens");
    }

    private static string Config(string field) => $$"""
        models:
          embedder: { provider: embedded-minilm }
          legacy: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: m, {{field}} }
        agents: agents/
        """;

    private IChatClient Client(string? field)
    {
        var model = OpenAiTestConfig.Model(_server, maxTokensField: field);
        return ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, NullLoggerFactory.Instance);
    }
}
