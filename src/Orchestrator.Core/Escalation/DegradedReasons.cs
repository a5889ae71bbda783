namespace Orchestrator.Escalation;

/// <summary>
/// Values of <c>escalation.degraded_reason</c>: why a needed escalation produced no cloud answer.
/// <c>escalation.reason</c> stays the trigger; this says what stood in the way.
/// </summary>
public static class DegradedReasons
{
    /// <summary>Every configured cloud model failed or could not be built (missing key, network, errors, timeouts).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The daily budget (global or the tenant's) would be exceeded.</summary>
    public const string Budget = "budget";

    /// <summary>No <c>escalation.target</c> is configured.</summary>
    public const string NoTarget = "no_target";

    /// <summary>The agent is marked never to escalate (<c>escalation: { allowed: false }</c>).</summary>
    public const string NeverEscalate = "never_escalate";

    /// <summary>The trigger is not listed in <c>escalation.triggers</c>.</summary>
    public const string TriggerDisabled = "trigger_disabled";

    /// <summary>A streamed cloud answer broke after part of it reached the caller.</summary>
    public const string StreamBroken = "stream_broken";
}
