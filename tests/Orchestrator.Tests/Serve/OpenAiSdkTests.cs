using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>The official OpenAI .NET SDK, pointed at the real service, is the client.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class OpenAiSdkTests(SampleRuntimeFixture fixture)
{
    private static ChatClient Client(LoopbackServer server, string model, string key = LoopbackServer.Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = server.ApiEndpoint, NetworkTimeout = TimeSpan.FromSeconds(60) });

    [Fact]
    public async Task Sdk_completes_a_chat_routed_by_the_orchestrator()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var result = await Client(server, "orchestrator").CompleteChatAsync([new UserChatMessage("How many vacation days do I get?")]);

        var completion = result.Value;
        Assert.Contains("25", completion.Content[0].Text, StringComparison.Ordinal);
        Assert.Equal("hr-policy", completion.Model);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        var raw = result.GetRawResponse();
        Assert.True(raw.Headers.TryGetValue("x-orchestrator-route", out var route));
        Assert.Equal("hr-policy", route);
        Assert.True(raw.Headers.TryGetValue("x-orchestrator-escalated", out var escalated));
        Assert.Equal("false", escalated);
    }

    [Fact]
    public async Task Sdk_streams_the_same_answer_as_the_non_streamed_call()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        var client = Client(server, "orchestrator");
        ChatMessage[] messages = [new SystemChatMessage("You are helpful."), new UserChatMessage("How do I reset my password?")];

        var whole = (await client.CompleteChatAsync(messages)).Value.Content[0].Text;
        var streamed = new StringBuilder();
        ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.True(updates >= 3, $"expected role, content and finish chunks, got {updates}");
        Assert.Equal(whole, streamed.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Sdk_model_name_forces_the_agent()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        // An HR question sent to the IT helpdesk agent: the router is skipped.
        var result = await Client(server, "it-helpdesk").CompleteChatAsync([new UserChatMessage("How many vacation days do I get?")]);

        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-orchestrator-route", out var route));
        Assert.Equal("it-helpdesk", route);
    }

    [Fact]
    public async Task Sdk_with_a_wrong_key_gets_an_authentication_error()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "orchestrator", "sk-wrong").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }
}
