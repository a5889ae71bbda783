using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.AspNetCore;
using Orchestrator.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the orchestrator's OpenAI-compatible HTTP API into an ASP.NET Core app.</summary>
public static class OrchestratorEndpointRouteBuilderExtensions
{
    private const long DrainRoomBytes = 1_048_576;

    /// <summary>
    /// Maps <c>POST /v1/chat/completions</c> and <c>POST /v1/responses</c> (streamed and not), <c>GET /v1/models</c>,
    /// <c>/healthz</c>, <c>/readyz</c> (503 while the orchestrator warms up or after its warm-up
    /// failed) and Prometheus <c>/metrics</c>, and adds the middleware for these paths only: API
    /// keys (401), rate limits (429), the body limit (413) and OpenAI-shaped errors without stack
    /// traces. Needs <c>services.AddOrchestrator(...)</c> (which registers the HTTP API's services when this package is referenced);
    /// the settings come from the configuration's <c>server:</c> section when the app starts.
    /// </summary>
    public static WebApplication MapOrchestrator(this WebApplication app) => Map(app, configureApi: null, configureMetrics: null);

    /// <summary>
    /// As <see cref="MapOrchestrator(WebApplication)"/>, and applies the host's conventions to the API
    /// endpoints (<c>/v1/chat/completions</c>, <c>/v1/responses</c>, <c>/v1/models</c>), e.g.
    /// <c>api =&gt; api.RequireAuthorization("orchestrator-users")</c> or <c>api.RequireRateLimiting("per-user")</c>
    /// (which replaces the <c>server.rate_limits</c> policy on them). <c>/healthz</c> and <c>/readyz</c> stay
    /// open for probes, and <c>/metrics</c> stays as it was (no key, none of these conventions): use the
    /// overload with <c>configureMetrics</c> to protect it too.
    /// </summary>
    public static WebApplication MapOrchestrator(this WebApplication app, Action<IEndpointConventionBuilder> configureApi)
    {
        ArgumentNullException.ThrowIfNull(configureApi);
        return Map(app, configureApi, configureMetrics: null);
    }

    /// <summary>
    /// As <see cref="MapOrchestrator(WebApplication, Action{IEndpointConventionBuilder})"/>, and applies
    /// <paramref name="configureMetrics"/> to <c>/metrics</c> (e.g. <c>m =&gt; m.RequireAuthorization("scrapers")</c>
    /// or <c>m.RequireHost("*:9090")</c>); the probes stay open.
    /// </summary>
    public static WebApplication MapOrchestrator(this WebApplication app, Action<IEndpointConventionBuilder> configureApi, Action<IEndpointConventionBuilder> configureMetrics)
    {
        ArgumentNullException.ThrowIfNull(configureApi);
        ArgumentNullException.ThrowIfNull(configureMetrics);
        return Map(app, configureApi, configureMetrics);
    }

    private static WebApplication Map(WebApplication app, Action<IEndpointConventionBuilder>? configureApi, Action<IEndpointConventionBuilder>? configureMetrics)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<HostedOrchestrator>() is null || app.Services.GetService<HttpApiMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapOrchestrator() needs builder.Services.AddOrchestrator(o => o.ConfigFile = \"orchestrator.yaml\") before builder.Build()");
        }

        app.UseWhen(context => IsApiPath(context.Request.Path), api =>
        {
            api.UseStatusCodePages(async context =>
            {
                // Empty 404/405 replies from routing get the same error shape as everything else.
                var response = context.HttpContext.Response;
                var request = context.HttpContext.Request;
                var what = response.StatusCode == 404 ? "no such endpoint" : "method not allowed";
                await ApiErrors.WriteAsync(response, response.StatusCode, $"{what}: {request.Method} {EchoedText.Shorten(request.Path.Value ?? "/")}{(response.StatusCode == 404 ? ServedApiHint : "")}").ConfigureAwait(false);
            });
            api.UseMiddleware<ApiMiddleware>();
            api.Use(LimitBodySize);
            api.UseRateLimiter();
        });
        app.UseWhen(context => !IsApiPath(context.Request.Path), other => other.Use(ServeHeaderLimits.RefuseUndecodableAsync));

        var v1 = app.MapGroup("/v1").RequireRateLimiting(ServeRateLimiting.Policy);
        v1.MapPost("/chat/completions", (HttpContext context, ChatCompletionsEndpoint endpoint) => endpoint.HandleAsync(context));
        v1.MapPost("/responses", (HttpContext context, ResponsesEndpoint endpoint) => endpoint.HandleAsync(context));
        SystemEndpoints.Map(app, v1);
        configureApi?.Invoke(v1);
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        configureMetrics?.Invoke(metrics);
        return app;
    }

    // Clients that call another OpenAI API (Completions, Embeddings, a stored response) learn what is served instead.
    private const string ServedApiHint = "; this server speaks the Chat Completions API (POST /v1/chat/completions), the Responses API's create call (POST /v1/responses; responses cannot be fetched, listed or deleted: continue one with previous_response_id where server.stored_responses is on, else send the whole conversation) and GET /v1/models, not Completions or Embeddings";

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// RequestBody enforces server.max_body_bytes (413). The server's own cap sits 1 MiB higher so it
    /// can drain a modestly oversized body and the client reads the 413 instead of a reset.
    /// </summary>
    private static Task LimitBodySize(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.RequestServices.GetRequiredService<ServeSettings>().Server.MaxBodyBytes + DrainRoomBytes;
        }

        return next(context);
    }
}
