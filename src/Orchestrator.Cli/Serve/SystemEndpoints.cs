using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Serve;

/// <summary>/v1/models, /healthz and /readyz.</summary>
internal static class SystemEndpoints
{
    private static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(2);

    public static void Map(WebApplication app, RouteGroupBuilder api, OrchestratorRuntime runtime)
    {
        var created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        IReadOnlyList<string> ids = [ChatRequest.AutoModel, .. runtime.Config.Agents.Select(a => a.Name)];
        var models = new
        {
            @object = "list",
            data = ids.Select(id => new { id, @object = "model", created, owned_by = "orchestrator" }).ToList(),
        };
        api.MapGet("/models", () => Results.Json(models));

        // Alive as long as the process answers.
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", (CancellationToken cancellationToken) => ReadyAsync(runtime, cancellationToken));
    }

    /// <summary>Ready when the runtime is started (it is, or this app would not exist) and the store answers.</summary>
    private static async Task<IResult> ReadyAsync(OrchestratorRuntime runtime, CancellationToken cancellationToken)
    {
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
            return Results.Json(new { status = "not_ready", reason = $"the store did not answer ({ex.GetType().Name})" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
