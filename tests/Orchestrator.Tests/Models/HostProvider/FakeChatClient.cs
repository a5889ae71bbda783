using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Orchestrator.Tests.Models.HostProvider;

/// <summary>
/// An in-process <see cref="IChatClient"/> a host would register with <c>AddKeyedChatClient</c>: it records
/// what it receives, answers <see cref="Reply"/> (streamed word by word) with fixed usage, or throws.
/// </summary>
internal sealed class FakeChatClient : IChatClient
{
    public const int InputTokens = 1000;
    public const int OutputTokens = 2000;

    public string Reply { get; set; } = "A host client answer.";

    /// <summary>When set, every call throws it (a failing transport).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Calls that fail with HTTP 503 before the client answers (a transient outage the resilience pipeline retries).</summary>
    public int TransientFailuresLeft { get; set; }

    public ConcurrentQueue<string> Received { get; } = new();

    public bool Disposed { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(messages);
        if (TakeTransientFailure() is { } transient)
        {
            return Task.FromException<ChatResponse>(transient);
        }

        return Failure is { } failure
            ? Task.FromException<ChatResponse>(failure)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply))
            {
                Usage = new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = OutputTokens, TotalTokenCount = InputTokens + OutputTokens },
                FinishReason = ChatFinishReason.Stop,
            });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(messages);
        if (TakeTransientFailure() is { } transient)
        {
            throw transient;
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        foreach (var word in Reply.Split(' '))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word == Reply.Split(' ')[0] ? word : " " + word);
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = OutputTokens, TotalTokenCount = InputTokens + OutputTokens })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => Disposed = true;

    private HttpRequestException? TakeTransientFailure()
    {
        if (TransientFailuresLeft <= 0)
        {
            return null;
        }

        TransientFailuresLeft--;
        return new HttpRequestException("service unavailable", null, System.Net.HttpStatusCode.ServiceUnavailable);
    }

    private void Record(IEnumerable<ChatMessage> messages) =>
        Received.Enqueue(string.Join("\n", messages.Select(m => m.Text)));
}
