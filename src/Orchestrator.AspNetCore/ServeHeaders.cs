using Microsoft.AspNetCore.Http;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>The <c>x-orchestrator-*</c> headers every chat completions and Responses reply carries.</summary>
internal static class ServeHeaders
{
    public const string Route = "x-orchestrator-route";
    public const string Escalated = "x-orchestrator-escalated";

    /// <param name="escalated">Whether the escalation target's answer is given (performed), not merely whether escalation was needed: refusals say false.</param>
    public static void Set(HttpResponse response, RouteInfo route, bool escalated)
    {
        response.Headers[Route] = ChatShapes.RouteHeader(route);
        response.Headers[Escalated] = escalated ? "true" : "false";
    }

    /// <summary>Replies that end before routing (errors) still carry both headers: route "none", not escalated.</summary>
    public static void EnsureDefaults(HttpResponse response) => response.OnStarting(() =>
    {
        response.Headers.TryAdd(Route, "none");
        response.Headers.TryAdd(Escalated, "false");
        return Task.CompletedTask;
    });
}
