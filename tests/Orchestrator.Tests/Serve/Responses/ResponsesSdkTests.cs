using System.ClientModel;
using System.Text;
using OpenAI.Responses;
using Orchestrator.Tests.EndToEnd;

// The Responses client of OpenAI 2.14 is marked experimental (OPENAI001); these tests exist to exercise it.
#pragma warning disable OPENAI001

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>The official OpenAI .NET SDK's <see cref="ResponsesClient"/>, pointed at the real service on loopback, is the client.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ResponsesSdkTests(SampleRuntimeFixture fixture)
{
    private const string Question = "How many vacation days do I get?";

    internal static ResponsesClient Client(LoopbackServer server, string key = LoopbackServer.Key) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = server.ApiEndpoint, NetworkTimeout = TimeSpan.FromSeconds(60) });

    [Fact]
    public async Task Sdk_creates_a_response_routed_by_the_orchestrator()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var result = await Client(server).CreateResponseAsync("orchestrator", Question);

        var response = result.Value;
        Assert.Contains("25", response.GetOutputText(), StringComparison.Ordinal);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("hr-policy", response.Model);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal(MessageRole.Assistant, message.Role);
        var part = Assert.Single(message.Content);
        Assert.Equal(response.GetOutputText(), part.Text);
        Assert.Empty(part.OutputTextAnnotations);
        Assert.NotNull(response.Usage);
        var raw = result.GetRawResponse();
        Assert.True(raw.Headers.TryGetValue("x-orchestrator-route", out var route));
        Assert.Equal("hr-policy", route);
        Assert.True(raw.Headers.TryGetValue("x-orchestrator-escalated", out var escalated));
        Assert.Equal("false", escalated);
        using var json = System.Text.Json.JsonDocument.Parse(raw.Content);
        var metadata = json.RootElement.GetProperty("orchestrator");
        Assert.Equal("hr-policy", metadata.GetProperty("route").GetProperty("agent").GetString());
        Assert.NotEqual(0, metadata.GetProperty("citations").GetArrayLength());
        Assert.False(metadata.TryGetProperty("answer", out _));
    }

    [Fact]
    public async Task Sdk_streams_the_same_answer_as_the_plain_call_in_the_responses_event_order()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        var client = Client(server);
        var options = new CreateResponseOptions("orchestrator", [ResponseItem.CreateUserMessageItem(Question)]) { Instructions = "You are helpful." };

        var whole = (await client.CreateResponseAsync(options)).Value.GetOutputText();
        var streamed = new StringBuilder();
        var kinds = new List<StreamingResponseUpdateKind>();
        var sequence = new List<int>();
        ResponseResult? completed = null;
        await foreach (var update in client.CreateResponseStreamingAsync(new CreateResponseOptions("orchestrator", [ResponseItem.CreateUserMessageItem(Question)]) { Instructions = "You are helpful.", StreamingEnabled = true }))
        {
            kinds.Add(update.Kind);
            sequence.Add(update.SequenceNumber);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                streamed.Append(delta.Delta);
            }

            if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        Assert.Equal(whole, streamed.ToString());
        Assert.Equal(whole, completed!.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.Equal(Enumerable.Range(sequence[0], sequence.Count), sequence);
        Assert.Equal(
            [StreamingResponseUpdateKind.ResponseCreated, StreamingResponseUpdateKind.ResponseInProgress, StreamingResponseUpdateKind.ResponseOutputItemAdded, StreamingResponseUpdateKind.ResponseContentPartAdded],
            kinds.Take(4));
        Assert.Equal(
            [StreamingResponseUpdateKind.ResponseOutputTextDone, StreamingResponseUpdateKind.ResponseContentPartDone, StreamingResponseUpdateKind.ResponseOutputItemDone, StreamingResponseUpdateKind.ResponseCompleted],
            kinds.TakeLast(4));
        Assert.Contains(StreamingResponseUpdateKind.ResponseOutputTextDelta, kinds);
    }

    [Fact]
    public async Task Sdk_model_name_forces_the_agent()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var result = await Client(server).CreateResponseAsync("it-helpdesk", Question);

        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-orchestrator-route", out var route));
        Assert.Equal("it-helpdesk", route);
    }

    [Fact]
    public async Task Sdk_sends_earlier_output_items_back_as_the_conversation()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        var client = Client(server);
        List<ResponseItem> conversation = [ResponseItem.CreateUserMessageItem(Question)];
        var first = (await client.CreateResponseAsync("orchestrator", conversation)).Value;

        // The SDK's way to continue without stored state: the previous output items go back as input.
        conversation.AddRange(first.OutputItems);
        conversation.Add(ResponseItem.CreateUserMessageItem("and for part-timers?"));
        var second = await client.CreateResponseAsync("orchestrator", conversation);

        using var json = System.Text.Json.JsonDocument.Parse(second.GetRawResponse().Content);
        var route = json.RootElement.GetProperty("orchestrator").GetProperty("route");
        Assert.Equal("hr-policy", route.GetProperty("agent").GetString());
    }

    [Fact]
    public async Task Sdk_with_a_wrong_key_gets_an_authentication_error()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var plain = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "sk-wrong").CreateResponseAsync("orchestrator", "hi"));
        var streamed = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in Client(server, "sk-wrong").CreateResponseStreamingAsync("orchestrator", "hi"))
            {
            }
        });

        Assert.Equal(401, plain.Status);
        Assert.Equal(401, streamed.Status);
        Assert.DoesNotContain("Exception", plain.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_previous_response_id_gets_a_400_that_says_what_to_send()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(server).CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: "resp_123"));

        Assert.Equal(400, error.Status);
        Assert.Contains("previous_response_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole conversation", error.Message, StringComparison.Ordinal);
    }
}
