using Orchestrator.Configuration;

namespace Orchestrator.Escalation;

/// <summary>What the policy decided for one request. Recorded in the response whatever the outcome.</summary>
public sealed record EscalationDecision
{
    public static readonly EscalationDecision None = new();

    public bool Needed { get; init; }

    public EscalationReason? Reason { get; init; }

    /// <summary>The configured cloud model, or null when none is configured.</summary>
    public string? Target { get; init; }

    /// <summary>True when the agent is marked never_escalate: the request is refused locally instead.</summary>
    public bool BlockedByAgent { get; init; }

    /// <summary>True when the trigger is not listed in <c>escalation.triggers</c> (globally or for the agent).</summary>
    public bool TriggerDisabled { get; init; }

    /// <summary>True when the request may be sent to the cloud: needed, allowed, the trigger enabled, a target configured.</summary>
    public bool MayLeaveMachine => Needed && !BlockedByAgent && !TriggerDisabled && Target is not null;

    /// <summary>Why a needed escalation cannot be attempted at all (the <c>degraded_reason</c>), or null when it can.</summary>
    public string? NotAttemptedBecause =>
        !Needed ? null
        : BlockedByAgent ? DegradedReasons.NeverEscalate
        : TriggerDisabled ? DegradedReasons.TriggerDisabled
        : Target is null ? DegradedReasons.NoTarget
        : null;
}

/// <summary>
/// Decides whether a request must leave the machine. The first trigger in pipeline order wins
/// (requested, policy, out of scope, low confidence, specialist failed, guardian failed), so the
/// recorded reason is the earliest stage that could not answer locally.
/// </summary>
public sealed class EscalationPolicy
{
    private readonly EscalationConfig _config;

    public EscalationPolicy(EscalationConfig config)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
    }

    /// <summary>Name of the cloud model, when one is configured.</summary>
    public string? Target => _config.Target;

    /// <summary>The policy trigger of an agent that always escalates, if any.</summary>
    public static EscalationReason? AgentTrigger(AgentDefinition? agent) =>
        agent is { Escalation.Always: true } ? EscalationReason.Policy : null;

    /// <param name="trigger">Why the request cannot be answered locally, or null.</param>
    /// <param name="agent">
    /// The agent the request was routed to. For <see cref="EscalationReason.OutOfScope"/> it is ignored:
    /// the router rejected every agent, so none of their settings (never_escalate, own triggers) apply
    /// to a request none of them handles.
    /// </param>
    public EscalationDecision Decide(EscalationReason? trigger, AgentDefinition? agent)
    {
        if (trigger is not { } reason)
        {
            return EscalationDecision.None;
        }

        if (reason == EscalationReason.OutOfScope)
        {
            agent = null;
        }

        var wire = reason.ToWire();
        var enabled = _config.Triggers.Contains(wire) && (agent?.Escalation.Triggers is not { } own || own.Contains(wire));
        return new EscalationDecision
        {
            Needed = true,
            Reason = reason,
            Target = _config.Target,
            BlockedByAgent = agent is { Escalation.Allowed: false },
            TriggerDisabled = !enabled,
        };
    }
}
