using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Tests.Models.Onnx;

/// <summary>The real GenAI path end to end on <see cref="DesignedModel"/>, whose greedy output is known.</summary>
public sealed class DesignedModelTests : IDisposable
{
    private static readonly ChatMessage[] Ask = [new(ChatRole.System, "be brief"), new(ChatRole.User, "what is the answer?")];
    private readonly string _root = Directory.CreateTempSubdirectory("onnx-designed-").FullName;

    public DesignedModelTests() => DesignedModel.Write(Path.Combine(_root, "bigram"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IChatClient Client(OnnxProviderOptions? options = null) =>
        OnnxChatClientFactory.Create(new ModelConfig { Name = "bigram", Provider = "onnx", Path = "bigram" }, _root, NullLoggerFactory.Instance, options);

    [Fact]
    public async Task Greedy_answer_is_the_designed_phrase_with_usage()
    {
        using var client = Client();

        var response = await client.GetResponseAsync(Ask);

        Assert.Equal(DesignedModel.Answer, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage!.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 5);
    }

    private static async Task<List<string>> Stream(IChatClient client, ChatOptions? options = null, IEnumerable<ChatMessage>? messages = null)
    {
        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(messages ?? Ask, options))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
            }
        }

        return pieces;
    }

    [Fact]
    public async Task Json_schema_guidance_constrains_the_designed_model_to_the_schema()
    {
        using var client = Client();
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"agent":{"type":"string","enum":["billing","none"]}},"required":["agent"],"additionalProperties":false}""").RootElement;

        // Unguided, this model says "the answer is forty two"; guided, it can only write the schema.
        var guided = await client.GetResponseAsync(Ask, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "route"), MaxOutputTokens = 64 });

        var agent = System.Text.Json.Nodes.JsonNode.Parse(guided.Text)!["agent"]!.GetValue<string>();
        Assert.Contains(agent, new[] { "billing", "none" });
        Assert.Equal(DesignedModel.Answer, (await client.GetResponseAsync(Ask)).Text);
    }

    [Fact]
    public async Task Slm_router_prompt_is_guided_to_the_schema_and_a_reply_cut_off_falls_back_cleanly()
    {
        using var client = Client();
        AgentDefinition[] agents =
        [
            new() { Name = "billing", Kind = AgentKind.Retrieval, Description = "Invoices and refunds" },
            new() { Name = "it-support", Kind = AgentKind.Retrieval, Description = "Laptops and VPN" },
        ];
        var format = Orchestrator.Routing.SlmRoutePrompt.SchemaFor(["billing", "it-support"]);

        // Guided, the model can only start the route object with one of the agent names; this
        // bigram model then writes confidence digits until the token limit, which no schema forbids.
        var reply = await client.GetResponseAsync(Orchestrator.Routing.SlmRoutePrompt.Build(agents, "Where is my refund?"), new ChatOptions { ResponseFormat = format, MaxOutputTokens = 64 });
        Assert.Matches("""^\{"agent":"(billing|it-support|none)","confidence":[0-9]""", reply.Text);
        Assert.Equal(ChatFinishReason.Length, reply.FinishReason);

        var fallback = new FixedRouter();
        var router = new Orchestrator.Routing.SlmRouter(client, fallback, agents, new Orchestrator.Routing.SlmRouterOptions { Timeout = TimeSpan.FromMinutes(1) });
        var decision = await router.RouteAsync("Where is my refund?");

        Assert.Equal(1, fallback.Calls);
        Assert.Equal("billing", decision.Route);
        Assert.StartsWith(Orchestrator.Routing.SlmRouter.SourceFallback, decision.Source, StringComparison.Ordinal);
    }

    private sealed class FixedRouter : IRouter
    {
        public int Calls { get; private set; }

        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new RouteDecision { Route = "billing", Confidence = 0.5, Candidates = [], OutOfScope = false });
        }
    }

    [Fact]
    public async Task A_schema_guidance_rejects_falls_back_to_unguided_generation_for_good()
    {
        using var client = Client();
        var broken = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse("""{"type": 5}""").RootElement, "broken") };

        var first = await client.GetResponseAsync(Ask, broken);
        var second = await client.GetResponseAsync(Ask, broken);

        Assert.Equal(DesignedModel.Answer, first.Text);
        Assert.Equal(DesignedModel.Answer, second.Text);
    }

    [Fact]
    public async Task Streams_token_by_token_deterministically()
    {
        using var client = Client();

        var first = await Stream(client);
        var second = await Stream(client);

        Assert.Equal(["the", " answer", " is", " forty", " two"], first);
        Assert.Equal(first, second);
        Assert.Equal((await client.GetResponseAsync(Ask)).Text, string.Concat(first));
    }

    [Fact]
    public async Task Max_tokens_and_stop_sequences_are_honoured()
    {
        using var client = Client();

        var capped = await client.GetResponseAsync(Ask, new ChatOptions { MaxOutputTokens = 2 });
        var stopped = await client.GetResponseAsync(Ask, new ChatOptions { StopSequences = [" forty"] });
        var streamedStop = await Stream(client, new ChatOptions { StopSequences = ["is f"] });

        Assert.Equal("the answer", capped.Text);
        Assert.Equal(ChatFinishReason.Length, capped.FinishReason);
        Assert.Equal("the answer is", stopped.Text);
        Assert.Equal(4, stopped.Usage!.OutputTokenCount);
        Assert.Equal("the answer ", string.Concat(streamedStop));
    }

    [Fact]
    public async Task Cancellation_mid_stream_stops_and_the_model_stays_usable()
    {
        using var client = Client();
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask, null, cts.Token))
            {
                seen.Add(update.Text);
                await cts.CancelAsync();
            }
        });

        Assert.Equal(["the"], seen);
        Assert.Equal(DesignedModel.Answer, (await client.GetResponseAsync(Ask)).Text);
    }

    [Fact]
    public async Task Rare_unicode_prompt_is_encoded_byte_wise_without_a_crash()
    {
        using var client = Client();

        var response = await client.GetResponseAsync([new(ChatRole.User, "🦜 ⟁ ꙮ")]);

        Assert.Equal(DesignedModel.Answer, response.Text);
    }

    [Fact]
    public async Task Sampling_with_temperature_runs()
    {
        using var client = Client();

        var response = await client.GetResponseAsync(Ask, new ChatOptions { Temperature = 0.8f, TopP = 0.95f, Seed = 3 });

        // W gives the designed token a margin of 20 logits: sampling at 0.8 picks it with near certainty.
        Assert.Equal(DesignedModel.Answer, response.Text);
    }

    [Fact]
    public async Task Concurrent_requests_within_the_cap_all_complete()
    {
        using var client = Client(new OnnxProviderOptions { MaxConcurrency = 2 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.GetResponseAsync(Ask))));

        Assert.All(responses, r => Assert.Equal(DesignedModel.Answer, r.Text));
    }

    [Fact]
    public async Task Queue_timeout_fires_while_a_stream_holds_the_only_slot()
    {
        var time = new FakeTimeProvider();
        using var client = Client(new OnnxProviderOptions { QueueTimeout = TimeSpan.FromSeconds(30), TimeProvider = time });
        await using (var holder = client.GetStreamingResponseAsync(Ask).GetAsyncEnumerator())
        {
            Assert.True(await holder.MoveNextAsync());
            var waiting = client.GetResponseAsync(Ask);
            time.Advance(TimeSpan.FromSeconds(31));

            await Assert.ThrowsAsync<OnnxModelBusyException>(() => waiting);
        }

        Assert.Equal(DesignedModel.Answer, (await client.GetResponseAsync(Ask)).Text);
    }

    [Fact]
    public async Task Chat_template_from_tokenizer_config_is_used()
    {
        using var plain = Client();
        var plainUsage = (await plain.GetResponseAsync(Ask)).Usage!;
        var config = Path.Combine(_root, "bigram", "tokenizer_config.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(config))!;
        json["chat_template"] = "{% for message in messages %}{{ message['content'] }}{% endfor %}";
        await File.WriteAllTextAsync(config, json.ToJsonString());
        using var templated = Client();

        var response = await templated.GetResponseAsync(Ask);

        // "be briefwhat is the answer?" is shorter than the "System: …\nUser: …\nAssistant:" fallback.
        Assert.Equal(DesignedModel.Answer, response.Text);
        Assert.True(response.Usage!.InputTokenCount < plainUsage.InputTokenCount,
            $"template prompt {response.Usage.InputTokenCount} tokens, fallback {plainUsage.InputTokenCount}");
    }

    [Fact]
    public async Task Use_after_dispose_throws_ObjectDisposedException()
    {
        var client = Client();
        await client.GetResponseAsync(Ask);

        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync(Ask));
    }
}
