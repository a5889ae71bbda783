namespace Orchestrator.Routing;

/// <summary>
/// One routing policy test: <paramref name="Request"/> from <paramref name="Agent"/>'s <c>tests:</c>
/// (<paramref name="MustRoute"/> true for <c>must_route</c>), where the router sent it, and whether
/// that met the expectation. A <c>must_route</c> request passes when it is in scope and routed to
/// the agent; a <c>must_not_route</c> one when it goes anywhere else or is out of scope.
/// </summary>
public sealed record AgentRouteTestResult(
    string Agent,
    string Request,
    bool MustRoute,
    string? RoutedTo,
    double Confidence,
    bool OutOfScope,
    bool LowConfidence,
    bool Passed);
