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

    /// <summary>
    /// The headers of a server-sent event reply: the route headers once the route is known (null: the first
    /// pipeline event was not <see cref="StreamStarted"/>), no caching or proxy buffering.
    /// </summary>
    /// <returns>The reply's model name: the agent that answers, or "orchestrator".</returns>
    public static string StartEventStream(HttpResponse response, StreamStarted? started)
    {
        var model = ChatRequest.AutoModel;
        if (started is not null)
        {
            Set(response, started.Route, started.EscalationPerformed);
            model = ChatShapes.ModelName(started.Route, started.Escalating);
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        return model;
    }

    /// <summary>Replies that end before routing (errors) still carry both headers: route "none", not escalated.</summary>
    public static void EnsureDefaults(HttpResponse response) => response.OnStarting(() =>
    {
        response.Headers.TryAdd(Route, "none");
        response.Headers.TryAdd(Escalated, "false");
        return Task.CompletedTask;
    });
}
