using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record EscalationInfo
{
    public bool Needed { get; init; }

    public bool Performed { get; init; }

    public string? Reason { get; init; }

    public string? Target { get; init; }

    public bool Degraded { get; init; }

    /// <summary>Why no cloud answer was given when one was needed: unavailable, budget, no_target, never_escalate, trigger_disabled, stream_broken (additive to the contract).</summary>
    public string? DegradedReason { get; init; }
}
