using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

public sealed class OnnxChatClientTests
{
    private static readonly ChatMessage[] Ask = [new(ChatRole.User, "what is the answer")];
    private static readonly string[] Phrase = ["the", " answer", " is", " forty", " two"];

    private static async Task<List<string>> Stream(IChatClient client, ChatOptions? options = null, CancellationToken ct = default)
    {
        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(Ask, options, ct))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
            }
        }

        return pieces;
    }

    [Fact]
    public async Task Streams_token_by_token_and_concatenation_equals_response()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client();

        var pieces = await Stream(client);
        var response = await client.GetResponseAsync(Ask);

        Assert.Equal(Phrase, pieces);
        Assert.Equal("the answer is forty two", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage!.OutputTokenCount);
        Assert.Equal(backend.LastPrompt!.Split(' ').Length, response.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Max_output_tokens_caps_generation()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client();

        var response = await client.GetResponseAsync(Ask, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("the answer", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(2, response.Usage!.OutputTokenCount);
        Assert.Equal(2, backend.LastSettings!.MaxOutputTokens);
    }

    [Fact]
    public async Task Default_max_tokens_and_sampling_options_reach_the_backend()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client(new OnnxProviderOptions { DefaultMaxOutputTokens = 3 });

        var response = await client.GetResponseAsync(Ask, new ChatOptions { Temperature = 0.7f, TopP = 0.9f, Seed = 5 });

        Assert.Equal("the answer is", response.Text);
        Assert.Equal(new GenerationSettings(3, 0.7f, 0.9f, null, 5), backend.LastSettings);
    }

    [Fact]
    public async Task Json_response_formats_reach_the_backend_as_a_schema_and_text_stays_unguided()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client();
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"agent":{"type":"string","enum":["a","none"]}}}""").RootElement;

        await client.GetResponseAsync(Ask, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "route") });
        Assert.Equal(schema.GetRawText(), backend.LastSettings!.JsonSchema);

        await client.GetResponseAsync(Ask, new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        Assert.Equal("""{"type":"object"}""", backend.LastSettings!.JsonSchema);

        await client.GetResponseAsync(Ask, new ChatOptions { ResponseFormat = ChatResponseFormat.Text });
        Assert.Null(backend.LastSettings!.JsonSchema);
    }

    [Fact]
    public async Task Stop_sequence_split_across_tokens_is_trimmed_in_stream_and_response()
    {
        var backend = new ScriptedBackend("the", " answer", " is", " for", "ty", " two");
        using var client = backend.Client();
        var options = new ChatOptions { StopSequences = ["forty"] };

        var pieces = await Stream(client, options);
        var response = await client.GetResponseAsync(Ask, options);

        Assert.Equal("the answer is ", string.Concat(pieces));
        Assert.Equal("the answer is ", response.Text);
        Assert.Equal(5, response.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Cancellation_mid_stream_stops_and_client_stays_usable()
    {
        var backend = new ScriptedBackend(Enumerable.Repeat(" x", 10_000).ToArray());
        using var client = backend.Client();
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask, new ChatOptions { MaxOutputTokens = 10_000 }, cts.Token))
            {
                if (update.Text.Length > 0 && ++seen == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, seen);
        var after = await new ScriptedBackend(Phrase).Client().GetResponseAsync(Ask);
        Assert.Equal("the answer is forty two", after.Text);
        Assert.Equal(" x x", (await client.GetResponseAsync(Ask, new ChatOptions { MaxOutputTokens = 2 })).Text);
    }

    [Fact]
    public async Task Model_loads_once_for_concurrent_requests_within_the_cap()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client(new OnnxProviderOptions { MaxConcurrency = 3 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => client.GetResponseAsync(Ask))));

        Assert.All(responses, r => Assert.Equal("the answer is forty two", r.Text));
        Assert.Equal(1, backend.Loads);
        Assert.Equal(6, backend.Started);
    }

    [Fact]
    public async Task Queue_timeout_fires_while_the_cap_is_held()
    {
        var time = new FakeTimeProvider();
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client(new OnnxProviderOptions { QueueTimeout = TimeSpan.FromSeconds(5), TimeProvider = time });
        await using var holder = client.GetStreamingResponseAsync(Ask).GetAsyncEnumerator();
        Assert.True(await holder.MoveNextAsync());

        var waiting = client.GetResponseAsync(Ask);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<OnnxModelBusyException>(() => waiting);
        Assert.Contains("queue_timeout_seconds", error.Message);
        Assert.Equal("/models/scripted", error.ModelFolder);
    }

    [Fact]
    public async Task Full_queue_rejects_at_once_and_released_slot_serves_the_waiter()
    {
        var backend = new ScriptedBackend(Phrase);
        using var client = backend.Client(new OnnxProviderOptions { MaxQueueLength = 1, TimeProvider = new FakeTimeProvider() });
        var holder = client.GetStreamingResponseAsync(Ask).GetAsyncEnumerator();
        Assert.True(await holder.MoveNextAsync());

        var queued = client.GetResponseAsync(Ask);
        await Assert.ThrowsAsync<OnnxModelBusyException>(() => client.GetResponseAsync(Ask));
        await holder.DisposeAsync();

        Assert.Equal("the answer is forty two", (await queued).Text);
    }

    [Fact]
    public async Task Use_after_dispose_throws_ObjectDisposedException_and_backend_is_disposed()
    {
        var backend = new ScriptedBackend(Phrase);
        var client = backend.Client();
        await client.GetResponseAsync(Ask);

        client.Dispose();

        Assert.True(backend.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync(Ask));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Stream(client));
    }

    [Fact]
    public async Task Dispose_during_a_stream_stops_the_decode_before_freeing_the_backend()
    {
        var backend = new ScriptedBackend { Endless = true };
        var client = backend.Client();
        var stream = client.GetStreamingResponseAsync(Ask, new ChatOptions { MaxOutputTokens = int.MaxValue }).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());

        client.Dispose();

        Assert.True(backend.Disposed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await stream.MoveNextAsync())
            {
            }
        });
        await stream.DisposeAsync();
    }

    [Fact]
    public void Metadata_names_the_provider_and_model_folder()
    {
        using var client = new ScriptedBackend().Client();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("onnxruntime-genai", metadata!.ProviderName);
        Assert.Equal("scripted", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<OnnxGenAIChatClient>());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScriptedBackend().Client(new OnnxProviderOptions { MaxConcurrency = 0 }));
        Assert.Throws<ArgumentException>(() => new ScriptedBackend().Client(new OnnxProviderOptions { PromptFormat = "jinja" }));
    }
}
