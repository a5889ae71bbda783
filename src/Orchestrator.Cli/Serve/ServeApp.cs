using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

        var app = builder.Build();
        app.MapOrchestrator();
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
