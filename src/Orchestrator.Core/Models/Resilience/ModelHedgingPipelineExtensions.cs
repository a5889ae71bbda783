using Orchestrator.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Hedging;
using Polly.RateLimiting;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// Hedging to a second model: when the primary has not answered within the delay, or failed for
/// good (retries spent, circuit open, queue full), the same request also goes to the hedging
/// model's own client (with its own pipeline); the first acceptable answer wins and the other is cancelled.
/// </summary>
internal static class ModelHedgingPipelineExtensions
{
    public static ResiliencePipelineBuilder<ChatAttempt> AddModelHedging(this ResiliencePipelineBuilder<ChatAttempt> builder, ModelPipelineContext context, HedgingConfig hedging) =>
        builder.AddHedging(new HedgingStrategyOptions<ChatAttempt>
        {
            MaxHedgedAttempts = 1,
            Delay = hedging.Delay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                && (e is BrokenCircuitException or RateLimiterRejectedException || TransientFailures.IsTransient(e, args.Context.CancellationToken))),
            ActionGenerator = args =>
            {
                var request = args.PrimaryContext.Properties.GetValue(ChatRequest.Key, null!);
                var secondary = context.Clients(hedging.Model);
                var hedged = request with { Options = WithoutModelId(request.Options) };
                return () => ChatAttempt.StartAsync(secondary, hedged, args.ActionContext.CancellationToken);
            },
            OnHedging = args =>
            {
                context.Events.Hedged(context.Name);
                ResilienceLog.Hedging(context.Logger, context.Name, hedging.Model, args.AttemptNumber + 1);
                return default;
            },
        });

    /// <summary>A model id chosen for the primary would override the hedging model's own.</summary>
    private static Microsoft.Extensions.AI.ChatOptions? WithoutModelId(Microsoft.Extensions.AI.ChatOptions? options)
    {
        if (options?.ModelId is null)
        {
            return options;
        }

        var copy = options.Clone();
        copy.ModelId = null;
        return copy;
    }
}
