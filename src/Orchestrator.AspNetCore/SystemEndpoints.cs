using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;

namespace Orchestrator.AspNetCore;

/// <summary>/v1/models, /healthz and /readyz.</summary>
internal static class SystemEndpoints
{
    private static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapGet("/models", (HostedOrchestrator orchestrator, TimeProvider time) => Models(orchestrator, time));

        // Catch-all, so an id with a slash gets the SDK's model_not_found rather than "no such endpoint".
        api.MapGet("/models/{**id}", (string? id, HostedOrchestrator orchestrator, TimeProvider time) => Model(id, orchestrator, time));

        // Alive as long as the process answers.
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", (HostedOrchestrator orchestrator, ServeTraffic traffic, IHostApplicationLifetime lifetime, ILogger<HostedOrchestrator> logger, CancellationToken cancellationToken) =>
            traffic.IsStopping || lifetime.ApplicationStopping.IsCancellationRequested ? Task.FromResult(NotReady("shutting down")) : ReadyAsync(orchestrator, logger, cancellationToken));
    }

    private static IResult Models(HostedOrchestrator orchestrator, TimeProvider time)
    {
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        return Results.Json(new
        {
            @object = "list",
            data = ModelIds(orchestrator).Select(id => ModelObject(id, created)).ToList(),
        });
    }

    /// <summary><c>GET /v1/models/{id}</c> (the SDK's <c>models.retrieve</c>): the same object as in the list, or a 404 <c>model_not_found</c>.</summary>
    private static IResult Model(string? id, HostedOrchestrator orchestrator, TimeProvider time)
    {
        // Matched like the chat endpoint's "model": case-insensitively, answered with the canonical id.
        var match = ModelIds(orchestrator).FirstOrDefault(known => string.Equals(known, id, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            throw new ApiException(
                StatusCodes.Status404NotFound,
                $"the model '{EchoedText.Shorten(id ?? "")}' does not exist; GET /v1/models lists \"{ChatRequest.AutoModel}\" and the agents",
                ApiErrors.ModelNotFound,
                "model");
        }

        return Results.Json(ModelObject(match, time.GetUtcNow().ToUnixTimeSeconds()));
    }

    private static IReadOnlyList<string> ModelIds(HostedOrchestrator orchestrator) =>
        [ChatRequest.AutoModel, .. orchestrator.Config.Agents.Select(a => a.Name)];

    private static object ModelObject(string id, long created) => new { id, @object = "model", created, owned_by = "orchestrator" };

    /// <summary>Ready when the host is not stopping (SIGTERM: "shutting down"), the warm-up has finished (models loaded, router fitted) and the store answers.</summary>
    private static async Task<IResult> ReadyAsync(HostedOrchestrator orchestrator, ILogger logger, CancellationToken cancellationToken)
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
            // /readyz needs no key: the reason names no internals, the log has the exception.
            ServeLog.StoreNotReady(logger, ex);
            return NotReady(StoreFile.IsMissing(runtime)
                ? StoreFile.MissingReason
                : "the store did not answer; the server log has the details");
        }
    }

    private static IResult NotReady(string reason) =>
        Results.Json(new { status = "not_ready", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
