namespace Orchestrator;

/// <summary>The route is decided; callers can write headers (route, escalation) from it.</summary>
/// <param name="Route">The routing decision, as in the final response.</param>
/// <param name="Escalating">True when the request is being escalated (or needed escalation).</param>
public sealed record StreamStarted(RouteInfo Route, bool Escalating) : PipelineStreamEvent;
