using System.ClientModel;
using OpenAI.Responses;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

// The Responses client of OpenAI 2.14 is marked experimental (OPENAI001); these tests exist to exercise it.
#pragma warning disable OPENAI001

namespace Orchestrator.Tests.Serve.Responses;

/// <summary><c>previous_response_id</c> with <c>server.stored_responses</c>, through the SDK: the kept conversation is the history, for its caller only.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ResponsesContinuationTests(SampleRuntimeFixture fixture)
{
    private const string Question = "How many vacation days do I get?";

    private static ServerConfig Storing() => new() { ApiKeys = LoopbackServer.WithKeys().ApiKeys, StoredResponses = new StoredResponsesConfig() };

    [Fact]
    public async Task A_follow_up_with_previous_response_id_continues_the_kept_conversation()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, Storing());
        var client = ResponsesSdkTests.Client(server);

        var first = (await client.CreateResponseAsync("orchestrator", Question)).Value;
        var followUp = await client.CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: first.Id);

        using var json = System.Text.Json.JsonDocument.Parse(followUp.GetRawResponse().Content);
        var root = json.RootElement;
        Assert.True(root.GetProperty("store").GetBoolean());
        Assert.Equal(first.Id, root.GetProperty("previous_response_id").GetString());
        // The fragment was searched as the question it continues, which only the kept first turn could supply.
        Assert.Contains("vacation", root.GetProperty("orchestrator").GetProperty("retrieval_query").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_streamed_answer_is_kept_too()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, Storing());
        var client = ResponsesSdkTests.Client(server);
        string? id = null;
        await foreach (var update in client.CreateResponseStreamingAsync("orchestrator", Question))
        {
            id ??= (update as StreamingResponseCompletedUpdate)?.Response.Id;
        }

        var followUp = await client.CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: id);

        using var json = System.Text.Json.JsonDocument.Parse(followUp.GetRawResponse().Content);
        Assert.Contains("vacation", json.RootElement.GetProperty("orchestrator").GetProperty("retrieval_query").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_key_store_false_and_an_unknown_id_get_a_400_naming_the_field()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, Storing());
        var client = ResponsesSdkTests.Client(server);
        var kept = (await client.CreateResponseAsync("orchestrator", Question)).Value;
        var notKept = (await client.CreateResponseAsync(new CreateResponseOptions("orchestrator", [ResponseItem.CreateUserMessageItem(Question)]) { StoredOutputEnabled = false })).Value;

        var otherKey = await Assert.ThrowsAsync<ClientResultException>(() => ResponsesSdkTests.Client(server, LoopbackServer.OtherKey).CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: kept.Id));
        var storeFalse = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: notKept.Id));
        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync("orchestrator", "and for part-timers?", previousResponseId: "resp_unknown"));

        foreach (var error in new[] { otherKey, storeFalse, unknown })
        {
            Assert.Equal(400, error.Status);
            Assert.Contains("previous_response_not_found", error.Message, StringComparison.Ordinal);
            Assert.Contains("server.stored_responses", error.Message, StringComparison.Ordinal);
        }
    }
}
