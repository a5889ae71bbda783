using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.AspNetCore;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// The web host behind <c>orchestrator serve</c>: a plain ASP.NET Core app that registers the
/// orchestrator with the CLI's sample tools and maps the HTTP API, as any embedding app would.
/// The core's logs (warm-up, retries, breaker openings, budget refusals) reach the host's logging.
/// </summary>
internal static class ServeApp
{
    /// <summary>An unknown path is quoted back at most this long.</summary>
    private const int MaxPathShown = 200;

    public static WebApplication Build(OrchestratorConfig config, string urls, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = config.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        var orchestrator = builder.Services.AddOrchestrator(o =>
        {
            o.ConfigFile = config.ConfigFile;
            o.ProbeEscalationEndpoints = true;
        });
        BuiltInTools.AddTo(orchestrator, config);
        builder.Services.AddOrchestratorHttpApi();

        // server.drain_seconds is spent before the server stops, so it comes on top of the grace that in-flight
        // requests get (the host's shutdown timeout: 30 s, or DOTNET_SHUTDOWNTIMEOUTSECONDS).
        builder.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout += TimeSpan.FromSeconds(config.Server.DrainSeconds));

        var app = builder.Build();

        // MapOrchestrator shapes errors on its own paths only (an embedding app keeps its pages);
        // this host serves nothing else, so an unknown path gets the contract's error shape too
        // rather than an empty 404. Replies that already have a body are left alone.
        app.UseStatusCodePages(WriteShapedStatusAsync);
        app.MapOrchestrator();
        return app;
    }

    private static Task WriteShapedStatusAsync(StatusCodeContext context)
    {
        var request = context.HttpContext.Request;
        var path = request.Path.Value ?? "/";
        var shown = path.Length > MaxPathShown ? path[..MaxPathShown] + "..." : path;
        var status = context.HttpContext.Response.StatusCode;
        var what = status switch
        {
            StatusCodes.Status404NotFound => "no such endpoint (the API is under /v1, with /healthz, /readyz and /metrics)",
            StatusCodes.Status405MethodNotAllowed => "method not allowed",
            _ => "request refused",
        };
        return ApiErrors.WriteAsync(context.HttpContext.Response, status, $"{what}: {request.Method} {shown}");
    }

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
