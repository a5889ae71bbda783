using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>
/// An in-memory model whose stream is exactly the scripted updates, for chunk boundaries no real
/// server would choose (a placeholder cut in half). Records the messages it was sent.
/// </summary>
internal sealed class ScriptedChatClient(params ChatResponseUpdate[] updates) : IChatClient
{
    public List<List<ChatMessage>> Received { get; } = [];

    public static ChatResponseUpdate Text(string text) => new(ChatRole.Assistant, text) { MessageId = "m1" };

    public static ChatResponseUpdate Finish() => new() { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop, MessageId = "m1" };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Received.Add([.. messages]);
        return Task.FromResult(updates.ToChatResponse());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Received.Add([.. messages]);
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
