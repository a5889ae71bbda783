using Polly;
using Polly.Timeout;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// Builds one model's pipeline, outer to inner: total timeout → hedging (when configured) → retry →
/// circuit breaker → concurrency limiter → attempt timeout → chaos (when configured) → the call.
/// The limiter sits inside the breaker so an open circuit sheds load without queueing, and outside
/// the attempt timeout so time spent waiting for a slot is not blamed on the endpoint (it still
/// counts against the total). Back-off delays hold no slot.
/// </summary>
internal static class ModelPipelineBuilder
{
    public static void Configure(ResiliencePipelineBuilder<ChatAttempt> builder, ModelPipelineContext context)
    {
        builder.TimeProvider = context.Time;
        builder.AddTimeout(Timeout(context, context.Config.TotalTimeout, "total"));
        if (context.Config.Hedging is { } hedging)
        {
            builder.AddModelHedging(context, hedging);
        }

        builder.AddModelRetry(context);
        builder.AddModelCircuitBreaker(context);
        builder.AddConcurrencyLimiter(context.Config.MaxConcurrency, context.Config.QueueLimit);
        builder.AddTimeout(Timeout(context, context.Config.AttemptTimeout, "attempt"));
        if (context.Model.Chaos is { } chaos)
        {
            builder.AddModelChaos(context, chaos);
        }
    }

    private static TimeoutStrategyOptions Timeout(ModelPipelineContext context, TimeSpan timeout, string scope) => new()
    {
        Name = $"{scope}-timeout",
        Timeout = timeout,
        OnTimeout = args =>
        {
            context.Events.TimedOut(context.Name);
            ResilienceLog.TimedOut(context.Logger, context.Name, scope, args.Timeout.TotalMilliseconds);
            return default;
        },
    };
}
