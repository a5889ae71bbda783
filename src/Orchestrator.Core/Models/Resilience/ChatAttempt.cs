using Microsoft.Extensions.AI;
using Polly;

namespace Orchestrator.Models.Resilience;

/// <summary>One call as the pipeline sees it: the messages are materialised once, so every attempt sends the same request.</summary>
internal sealed record ChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming, CancellationToken CallerToken)
{
    public static readonly ResiliencePropertyKey<ChatRequest> Key = new("orchestrator.chat-request");
}

/// <summary>
/// The result of one attempt: a whole response, or a stream that has produced its first update. A
/// stream counts as started only once that update exists, so failures before it can be retried or
/// hedged while nothing has reached the caller, and failures after it cannot.
/// </summary>
internal sealed class ChatAttempt : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponseUpdate>? _rest;
    private readonly CancellationTokenSource? _streamCancellation;

    private ChatAttempt(ChatResponse response) => Response = response;

    private ChatAttempt(IAsyncEnumerator<ChatResponseUpdate> rest, ChatResponseUpdate first, CancellationTokenSource cancellation)
    {
        _rest = rest;
        First = first;
        _streamCancellation = cancellation;
    }

    public ChatResponse? Response { get; }

    /// <summary>The stream's first update (streams only).</summary>
    public ChatResponseUpdate? First { get; }

    /// <summary>Runs one attempt on <paramref name="client"/>; failures come back as outcomes, not exceptions.</summary>
    public static async ValueTask<Outcome<ChatAttempt>> StartAsync(IChatClient client, ChatRequest request, CancellationToken attemptToken)
    {
        try
        {
            return request.Streaming
                ? Outcome.FromResult(await StartStreamAsync(client, request, attemptToken).ConfigureAwait(false))
                : Outcome.FromResult(new ChatAttempt(await client.GetResponseAsync(request.Messages, request.Options, attemptToken).ConfigureAwait(false)));
        }
#pragma warning disable CA1031 // Every failure becomes an outcome: the pipeline's predicates decide what is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Outcome.FromException<ChatAttempt>(ex);
        }
    }

    /// <summary>The updates after <see cref="First"/>.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> RestAsync()
    {
        if (_rest is null)
        {
            yield break;
        }

        while (await _rest.MoveNextAsync().ConfigureAwait(false))
        {
            yield return _rest.Current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_rest is not null)
        {
            await _rest.DisposeAsync().ConfigureAwait(false);
        }

        _streamCancellation?.Dispose();
    }

    private static async Task<ChatAttempt> StartStreamAsync(IChatClient client, ChatRequest request, CancellationToken attemptToken)
    {
        // The stream outlives the pipeline, whose tokens Polly recycles once the execution ends, so it
        // runs on its own token: the caller's, plus the attempt's (timeouts, hedging) until the first update.
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.CallerToken);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            using (attemptToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancellation))
            {
                updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    // Nothing reached the caller yet, so an empty (cut) stream is a transient failure worth a retry.
                    throw new IOException("the stream ended before its first update");
                }

                return new ChatAttempt(updates, updates.Current, cancellation);
            }
        }
        catch
        {
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            cancellation.Dispose();
            throw;
        }
    }
}
