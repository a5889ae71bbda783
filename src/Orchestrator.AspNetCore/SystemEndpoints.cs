using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Hosting;

namespace Orchestrator.AspNetCore;

/// <summary>/v1/models, /healthz and /readyz.</summary>
internal static class SystemEndpoints
{
    private static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapGet("/models", (HostedOrchestrator orchestrator, TimeProvider time) => Models(orchestrator, time));

        // Alive as long as the process answers.
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", (HostedOrchestrator orchestrator, CancellationToken cancellationToken) => ReadyAsync(orchestrator, cancellationToken));
    }

    private static IResult Models(HostedOrchestrator orchestrator, TimeProvider time)
    {
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        IReadOnlyList<string> ids = [ChatRequest.AutoModel, .. orchestrator.Config.Agents.Select(a => a.Name)];
        return Results.Json(new
        {
            @object = "list",
            data = ids.Select(id => new { id, @object = "model", created, owned_by = "orchestrator" }).ToList(),
        });
    }

    /// <summary>Ready when the warm-up has finished (models loaded, router fitted) and the store answers.</summary>
    private static async Task<IResult> ReadyAsync(HostedOrchestrator orchestrator, CancellationToken cancellationToken)
    {
        if (!orchestrator.IsReady)
        {
            var reason = orchestrator.StartupFailure is null ? "warming up" : "the warm-up failed; the server log has the details";
            return NotReady(reason);
        }

        var runtime = await orchestrator.GetRuntimeAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreProbeTimeout);
        try
        {
            var collections = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in runtime.Config.Collections.Keys)
            {
                collections[name] = await runtime.Store.CountAsync(name, timeout.Token).ConfigureAwait(false);
            }

            return Results.Json(new { status = "ready", agents = runtime.Config.Agents.Count, collections });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception type is enough for an operator; its message may hold paths.
            return NotReady($"the store did not answer ({ex.GetType().Name})");
        }
    }

    private static IResult NotReady(string reason) =>
        Results.Json(new { status = "not_ready", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
