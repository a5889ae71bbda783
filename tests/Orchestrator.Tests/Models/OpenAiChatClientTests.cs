using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

/// <summary>The openai provider end to end: ModelFactory's client, the real OpenAI SDK, a loopback fake server.</summary>
public sealed class OpenAiChatClientTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(Orchestrator.Configuration.ModelConfig model) =>
        ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, NullLoggerFactory.Instance);

    [Fact]
    public async Task Non_streamed_reply_comes_back_and_the_request_carries_model_messages_and_options()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Hello from the fake."));
        using var client = Client(OpenAiTestConfig.Model(_server));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "Say hello")]);

        Assert.Equal("Hello from the fake.", response.Text);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("fake-gpt", request.Model);
        Assert.False(request.Stream);
        Assert.Equal([("system", "be brief"), ("user", "Say hello")], request.Messages);
        // Configured defaults reach the wire: max_output_tokens as max_completion_tokens (or max_tokens), temperature.
        var json = request.Json!;
        Assert.Equal(256, (json["max_completion_tokens"] ?? json["max_tokens"])!.GetValue<int>());
        Assert.Equal(0.2, json["temperature"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task Streamed_reply_arrives_in_several_updates_that_join_to_the_text()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("one two three four"));
        using var client = Client(OpenAiTestConfig.Model(_server));

        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync("count"))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
            }
        }

        Assert.True(pieces.Count >= 4, $"expected several deltas, got {pieces.Count}");
        Assert.Equal("one two three four", string.Concat(pieces));
        Assert.True(Assert.Single(_server.Requests).Stream);
    }

    [Fact]
    public async Task Api_key_comes_from_the_named_environment_variable()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("KEY");
        Environment.SetEnvironmentVariable(variable, "sk-test-from-env");
        try
        {
            using var client = Client(OpenAiTestConfig.Model(_server, apiKeyEnv: variable));
            await client.GetResponseAsync("hi");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal("Bearer sk-test-from-env", Assert.Single(_server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Without_api_key_env_a_placeholder_key_is_sent_for_local_servers()
    {
        using var client = Client(OpenAiTestConfig.Model(_server));
        await client.GetResponseAsync("hi");

        Assert.Equal("Bearer no-key-configured", Assert.Single(_server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Custom_headers_are_sent_with_env_references_expanded()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("TOKEN");
        Environment.SetEnvironmentVariable(variable, "tok-123");
        try
        {
            var headers = new Dictionary<string, string> { ["X-Team"] = "search", ["X-Gateway-Token"] = $"Bearer ${{{variable}}}" };
            using var client = Client(OpenAiTestConfig.Model(_server, headers: headers));
            await client.GetResponseAsync("hi");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var request = Assert.Single(_server.Requests);
        Assert.Equal("search", request.Header("X-Team"));
        Assert.Equal("Bearer tok-123", request.Header("X-Gateway-Token"));
    }

    [Fact]
    public void Missing_key_variable_is_a_clear_error_naming_it()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("MISSING");

        var ex = Assert.Throws<ModelUnavailableException>(() => Client(OpenAiTestConfig.Model(_server, apiKeyEnv: variable)));

        Assert.True(ex.IsUnconfigured);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(OpenAiTestConfig.ModelName, ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Missing_header_variable_names_the_header_and_variable()
    {
        var variable = OpenAiTestConfig.UniqueEnvName("HDR");
        var headers = new Dictionary<string, string> { ["X-Gateway-Token"] = $"${{{variable}}}" };

        var ex = Assert.Throws<ModelUnavailableException>(() => Client(OpenAiTestConfig.Model(_server, headers: headers)));

        Assert.Contains("X-Gateway-Token", ex.Message, StringComparison.Ordinal);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Error_statuses_surface_as_sdk_exceptions_with_the_status(int status)
    {
        _server.DefaultReply = FakeOpenAiReply.Error(status);
        using var client = Client(OpenAiTestConfig.Model(_server));

        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(status, ex.Status);
    }

    [Fact]
    public async Task Scripted_tool_calls_are_parsed_by_the_sdk()
    {
        _server.Enqueue(FakeOpenAiReply.WithToolCalls(new FakeToolCall("create_ticket", """{"summary":"VPN down"}""")));
        using var client = Client(OpenAiTestConfig.Model(_server));

        var response = await client.GetResponseAsync("open a ticket");

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("create_ticket", call.Name);
        Assert.Equal("VPN down", call.Arguments!["summary"]!.ToString());
    }

    [Fact]
    public async Task Onnx_models_route_to_the_onnx_provider()
    {
        var model = new Orchestrator.Configuration.ModelConfig { Name = "local", Provider = Orchestrator.Configuration.ModelProviders.Onnx, Path = "models/x" };

        // The ONNX provider loads lazily: the client builds, and the first call names the missing folder.
        var client = Client(model);
        var ex = await Assert.ThrowsAsync<Orchestrator.Models.Onnx.OnnxModelException>(() => client.GetResponseAsync("hello"));

        Assert.Contains("models/x", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>The decorators ModelFactory adds, and what they write to logs.</summary>
public sealed class ChatClientPipelineTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Client_is_wrapped_with_logging_and_open_telemetry()
    {
        // UseLogging leaves the logger out for NullLoggerFactory, so a real (empty) factory is used.
        using var loggerFactory = LoggerFactory.Create(_ => { });
        using var client = ModelFactory.CreateChatClient(OpenAiTestConfig.Config(OpenAiTestConfig.Model(_server)), OpenAiTestConfig.ModelName, loggerFactory);

        Assert.NotNull(client.GetService<LoggingChatClient>());
        Assert.NotNull(client.GetService<OpenTelemetryChatClient>());
        Assert.Equal("fake-gpt", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task Even_trace_logging_never_contains_the_key_or_header_values()
    {
        var keyVariable = OpenAiTestConfig.UniqueEnvName("LOGKEY");
        var tokenVariable = OpenAiTestConfig.UniqueEnvName("LOGTOKEN");
        Environment.SetEnvironmentVariable(keyVariable, "sk-secret-key-value");
        Environment.SetEnvironmentVariable(tokenVariable, "secret-token-value");
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        try
        {
            var headers = new Dictionary<string, string> { ["X-Gateway-Token"] = $"${{{tokenVariable}}}" };
            var model = OpenAiTestConfig.Model(_server, apiKeyEnv: keyVariable, headers: headers);
            using var client = ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, loggerFactory);
            await client.GetResponseAsync("hello there");
            _server.DefaultReply = FakeOpenAiReply.Error(401, "bad key");
            await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync("again"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
            Environment.SetEnvironmentVariable(tokenVariable, null);
        }

        Assert.Equal("secret-token-value", _server.Requests[0].Header("X-Gateway-Token"));
        Assert.Contains(provider.Lines, l => l.Contains("hello there", StringComparison.Ordinal));
        Assert.DoesNotContain(provider.Lines, l => l.Contains("sk-secret-key-value", StringComparison.Ordinal));
        Assert.DoesNotContain(provider.Lines, l => l.Contains("secret-token-value", StringComparison.Ordinal));
    }
}
