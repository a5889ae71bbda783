using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Diagnostics;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// Builds the HTTP service over a started runtime. The runtime is created once by the caller (the
/// <c>serve</c> command, a test, the load benchmark) and outlives the app; the caller disposes it.
/// </summary>
internal static class ServeHost
{
    private const long DrainRoomBytes = 1_048_576;

    public static WebApplication Build(OrchestratorRuntime runtime, ServeSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = runtime.Config.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // RequestBody enforces server.max_body_bytes (413). Kestrel's own cap sits 1 MiB higher so it
            // can drain a modestly oversized body and the client reads the 413 instead of a reset.
            k.Limits.MaxRequestBodySize = settings.Server.MaxBodyBytes + DrainRoomBytes;
        });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddOptions<ServeSettings>().Configure(s =>
        {
            s.Urls = settings.Urls;
            s.Server = settings.Server;
            s.Telemetry = settings.Telemetry;
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServeSettings>, ServeSettingsValidator>();
        services.AddSingleton(runtime);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ApiKeyAuthenticator(settings.Server.ApiKeys));
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        ServeTelemetry.Add(services, settings);
        if (settings.Server.RateLimit is { } limit)
        {
            ServeRateLimiting.Add(services, limit);
        }

        var app = builder.Build();
        app.UseStatusCodePages(async context =>
        {
            // Empty 404/405 replies from routing get the same error shape as everything else.
            var response = context.HttpContext.Response;
            await ApiErrors.WriteAsync(response, response.StatusCode, $"{(response.StatusCode == 404 ? "no such endpoint" : "method not allowed")}: {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}").ConfigureAwait(false);
        });
        app.UseMiddleware<ApiMiddleware>();
        if (settings.Server.RateLimit is not null)
        {
            app.UseRateLimiter();
        }

        var api = app.MapGroup("/v1");
        if (settings.Server.RateLimit is not null)
        {
            api.RequireRateLimiting(ServeRateLimiting.Policy);
        }

        api.MapPost("/chat/completions", (HttpContext context, ChatCompletionsEndpoint endpoint) => endpoint.HandleAsync(context));
        SystemEndpoints.Map(app, api, runtime);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
