using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// Runs every call of one model through its resilience pipeline. Whole responses are retried and
/// hedged freely; a stream only until its first update has been produced. After that the caller
/// owns the text, so a later failure propagates rather than replaying (and duplicating) it.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ModelConfig _model;
    private readonly ModelResilience _resilience;
    private readonly ResiliencePipeline<ChatAttempt> _pipeline;

    public ResilientChatClient(IChatClient innerClient, ModelConfig model, ModelResilience resilience)
        : base(innerClient)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _resilience = resilience ?? throw new ArgumentNullException(nameof(resilience));
        _pipeline = resilience.GetPipeline(model);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var attempt = await ExecuteAsync(new ChatRequest([.. messages], options, Streaming: false, cancellationToken)).ConfigureAwait(false);
        return attempt.Response!;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var attempt = await ExecuteAsync(new ChatRequest([.. messages], options, Streaming: true, cancellationToken)).ConfigureAwait(false);
        await using (attempt.ConfigureAwait(false))
        {
            var finished = attempt.First!.FinishReason is not null;
            yield return attempt.First;
            await foreach (var update in attempt.RestAsync().ConfigureAwait(false))
            {
                finished |= update.FinishReason is not null;
                yield return update;
            }

            // The SDK ends a cut stream quietly; without a finish reason the caller would take a partial answer for a whole one.
            if (!finished)
            {
                throw new IOException($"model '{_model.Name}': the stream ended before the model finished its answer (connection cut?); the text so far is incomplete");
            }
        }
    }

    private async Task<ChatAttempt> ExecuteAsync(ChatRequest request)
    {
        var context = ResilienceContextPool.Shared.Get(request.CallerToken);
        context.Properties.Set(ChatRequest.Key, request);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, client) => ChatAttempt.StartAsync(client.InnerClient, ctx.Properties.GetValue(ChatRequest.Key, null!), ctx.CancellationToken),
                context,
                this).ConfigureAwait(false);
            switch (outcome.Exception)
            {
                case BrokenCircuitException broken:
                    throw Rejected("circuit open", CircuitOpenMessage(broken), broken);
                case RateLimiterRejectedException limited:
                    throw Rejected("queue full", $"model '{_model.Name}' is saturated: {Config.MaxConcurrency} calls are in flight and {Config.QueueLimit} waiting (resilience.max_concurrency / queue_limit); try again shortly", limited);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResilienceConfig Config => _model.Resilience ?? ResilienceConfig.Default;

    private string CircuitOpenMessage(BrokenCircuitException broken)
    {
        var now = _resilience.TimeProvider.GetUtcNow();
        var retryAt = broken.RetryAfter is { } after ? now + after : _resilience.Events.OpenUntil(_model.Name);
        var when = retryAt is { } at
            ? $"calls fail fast until {at:HH:mm:ss} UTC (in {Math.Max(0, Math.Ceiling((at - now).TotalSeconds))} s), then one probe call is let through"
            : "calls fail fast until the break duration has passed";
        return $"model '{_model.Name}' is unavailable: its circuit breaker opened after repeated failures; {when}";
    }

    private ModelUnavailableException Rejected(string reason, string message, Exception inner)
    {
        _resilience.Events.Rejected(_model.Name, reason);
        ResilienceLog.Rejected(_resilience.Logger, _model.Name, reason);
        return new ModelUnavailableException(message, inner);
    }
}
