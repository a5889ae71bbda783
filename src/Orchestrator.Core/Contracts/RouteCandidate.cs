
namespace Orchestrator;

/// <summary>One scored route.</summary>
public sealed record RouteCandidate(string Route, double Score);
