using System.Net;
using Orchestrator.Configuration;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// Polly's chaos strategies, innermost, so injected latency meets the attempt timeout and injected
/// faults meet retry and breaker exactly as real ones would. Faults are HTTP errors with the
/// configured status, which <see cref="TransientFailures"/> classifies like the SDK's.
/// </summary>
internal static class ModelChaosPipelineExtensions
{
    public static ResiliencePipelineBuilder<ChatAttempt> AddModelChaos(this ResiliencePipelineBuilder<ChatAttempt> builder, ModelPipelineContext context, ChaosConfig chaos)
    {
        var random = chaos.Seed is { } seed ? new Random(seed) : new Random();
        double Next()
        {
            lock (random)
            {
                return random.NextDouble();
            }
        }

        if (chaos.LatencyRate > 0)
        {
            builder.AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                InjectionRate = chaos.LatencyRate,
                Latency = chaos.Latency,
                Randomizer = Next,
                OnLatencyInjected = _ =>
                {
                    ResilienceLog.ChaosInjected(context.Logger, context.Name, $"{chaos.Latency.TotalMilliseconds} ms latency");
                    return default;
                },
            });
        }

        if (chaos.FaultRate > 0)
        {
            builder.AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRate = chaos.FaultRate,
                Randomizer = Next,
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(
                    new HttpRequestException($"chaos: injected HTTP {chaos.OutcomeStatus} for model '{context.Name}'", null, (HttpStatusCode)chaos.OutcomeStatus)),
                OnFaultInjected = _ =>
                {
                    ResilienceLog.ChaosInjected(context.Logger, context.Name, $"HTTP {chaos.OutcomeStatus}");
                    return default;
                },
            });
        }

        return builder;
    }
}
