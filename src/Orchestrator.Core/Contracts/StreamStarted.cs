namespace Orchestrator;

/// <summary>The route is decided; callers can write headers (route, escalation) from it.</summary>
/// <param name="Route">The routing decision, as in the final response.</param>
/// <param name="Escalating">True when the request is being escalated (or needed escalation).</param>
public sealed record StreamStarted(RouteInfo Route, bool Escalating) : PipelineStreamEvent
{
    /// <summary>
    /// True when the answer that follows comes from the escalation target, false for local answers,
    /// refusals and degraded notices (what <c>x-orchestrator-escalated</c> reports).
    /// </summary>
    public bool EscalationPerformed { get; init; }
}
