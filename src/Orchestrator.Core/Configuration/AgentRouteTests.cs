namespace Orchestrator.Configuration;

/// <summary>
/// An agent's routing policy tests (<c>tests:</c> in its YAML): requests that must route to it and
/// requests that must not. <c>orchestrator agents test</c> runs them against the fitted router and
/// exits 1 when one fails, so a team can gate configuration changes in CI.
/// </summary>
public sealed class AgentRouteTests
{
    public static AgentRouteTests None { get; } = new();

    /// <summary>Requests the router must send to this agent (in scope, this route).</summary>
    public IReadOnlyList<string> MustRoute { get; init; } = [];

    /// <summary>Requests the router must not send to this agent (another route, or out of scope).</summary>
    public IReadOnlyList<string> MustNotRoute { get; init; } = [];

    public int Count => MustRoute.Count + MustNotRoute.Count;
}
