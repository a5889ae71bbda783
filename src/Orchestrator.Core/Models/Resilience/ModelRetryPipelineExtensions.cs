using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Orchestrator.Models.Resilience;

/// <summary>Retry (exponential back-off with jitter, honouring Retry-After) and circuit breaker, both on transient failures only.</summary>
internal static class ModelRetryPipelineExtensions
{
    public static ResiliencePipelineBuilder<ChatAttempt> AddModelRetry(this ResiliencePipelineBuilder<ChatAttempt> builder, ModelPipelineContext context)
    {
        var retries = context.Config.EffectiveMaxRetries(context.Model);
        if (retries == 0)
        {
            // Polly requires at least one retry; zero means no retry strategy at all.
            return builder;
        }

        var maxDelay = context.Config.MaxDelay;
        return builder.AddRetry(new RetryStrategyOptions<ChatAttempt>
        {
            MaxRetryAttempts = retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = context.Config.BaseDelay,
            MaxDelay = maxDelay,
            ShouldHandle = args => ModelPipelineContext.IsTransient(args.Outcome, args.Context),
            DelayGenerator = args => ValueTask.FromResult(
                TransientFailures.RetryAfter(args.Outcome.Exception, context.Time) is { } wait ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay) : null),
            OnRetry = args =>
            {
                context.Events.Retried(context.Name, args.RetryDelay);
                ResilienceLog.Retrying(context.Logger, context.Name, args.AttemptNumber + 1, TransientFailures.Describe(args.Outcome.Exception), args.RetryDelay.TotalMilliseconds);
                return default;
            },
        });
    }

    public static ResiliencePipelineBuilder<ChatAttempt> AddModelCircuitBreaker(this ResiliencePipelineBuilder<ChatAttempt> builder, ModelPipelineContext context)
    {
        var breaker = context.Config.CircuitBreaker;
        return builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatAttempt>
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ModelPipelineContext.IsTransient(args.Outcome, args.Context),
            OnOpened = args =>
            {
                context.Events.Opened(context.Name, args.BreakDuration);
                ResilienceLog.BreakerOpened(context.Logger, context.Name, TransientFailures.Describe(args.Outcome.Exception), args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                context.Events.HalfOpened(context.Name);
                ResilienceLog.BreakerHalfOpened(context.Logger, context.Name);
                return default;
            },
            OnClosed = _ =>
            {
                context.Events.Closed(context.Name);
                ResilienceLog.BreakerClosed(context.Logger, context.Name);
                return default;
            },
        });
    }
}
