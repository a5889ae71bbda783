using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

// The Responses client of OpenAI 2.14 is marked experimental (OPENAI001); these tests exist to exercise it.
#pragma warning disable OPENAI001

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over the SDK's Responses client, the seam Agent Framework's
/// Responses-based agents use: it answers, streams, and continues a conversation by its <c>ConversationId</c>
/// (<c>previous_response_id</c>) when the server keeps responses.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ResponsesChatClientTests(SampleRuntimeFixture fixture)
{
    private const string Question = "How many vacation days do I get?";

    [Fact]
    public async Task The_chat_client_answers_streams_and_continues_by_conversation_id()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, new ServerConfig { ApiKeys = LoopbackServer.WithKeys().ApiKeys, StoredResponses = new StoredResponsesConfig() });
        using var client = ResponsesSdkTests.Client(server).AsIChatClient("orchestrator");

        var first = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Question)]);
        var streamed = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Question)]).ToChatResponseAsync();
        var followUp = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "and for part-timers?")], new ChatOptions { ConversationId = first.ConversationId });

        Assert.Contains("25", first.Text, StringComparison.Ordinal);
        Assert.Equal(first.Text, streamed.Text);
        Assert.StartsWith("resp_", first.ConversationId, StringComparison.Ordinal);
        Assert.StartsWith("resp_", followUp.ConversationId, StringComparison.Ordinal);

        // The SDK keeps the fields it does not know: the orchestrator's record says the fragment was searched as the
        // question it continues, which only the kept first turn could supply.
        using var raw = JsonDocument.Parse(ModelReaderWriter.Write((ResponseResult)followUp.RawRepresentation!));
        Assert.Contains("vacation", raw.RootElement.GetProperty("orchestrator").GetProperty("retrieval_query").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
