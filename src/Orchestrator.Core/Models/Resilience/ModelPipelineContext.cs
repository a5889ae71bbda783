using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.Models.Resilience;

/// <summary>What the strategies of one model's pipeline share: its settings, where events go, and how to reach a hedging model.</summary>
internal sealed record ModelPipelineContext(
    ModelConfig Model,
    ResilienceConfig Config,
    ResilienceEvents Events,
    ILogger Logger,
    TimeProvider Time,
    Func<string, IChatClient> Clients)
{
    public string Name => Model.Name;

    /// <summary>The predicate shared by retry and circuit breaker: only transient failures count.</summary>
    public static ValueTask<bool> IsTransient(Polly.Outcome<ChatAttempt> outcome, Polly.ResilienceContext context) =>
        ValueTask.FromResult(outcome.Exception is { } e && TransientFailures.IsTransient(e, context.CancellationToken));
}
