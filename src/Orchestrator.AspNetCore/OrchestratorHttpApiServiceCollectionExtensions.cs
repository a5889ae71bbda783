using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.AspNetCore;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Configuration;
using Orchestrator.State;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services behind <c>app.MapOrchestrator()</c>.</summary>
public static class OrchestratorHttpApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP API over the orchestrator that <c>AddOrchestrator(...)</c> registers: API
    /// keys, rate limits and body limits from the configuration's <c>server:</c> section, Prometheus
    /// metrics for <c>/metrics</c>, and OTLP export when <c>telemetry.otlp_endpoint</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Call it next to <c>AddOrchestrator</c>, then map the
    /// endpoints with <c>app.MapOrchestrator()</c>. <c>AddOrchestrator</c> calls it by itself when this
    /// package is referenced, so calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddOrchestratorHttpApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(HttpApiMarker)))
        {
            return services; // AddOrchestrator already added it (see there), or it was called twice.
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ServeSettings.From(sp.GetRequiredService<HostedOrchestrator>().Config));
        services.TryAddSingleton(sp => new ApiKeyAuthenticator(sp.GetRequiredService<ServeSettings>().Server.ApiKeys));
        services.TryAddSingleton<ChatCompletionsEndpoint>();
        services.TryAddSingleton<ResponsesEndpoint>();
        // server.stored_responses: conversations kept for previous_response_id, on Redis when replicas share state: (else in memory).
        services.TryAddSingleton<IResponseConversations>(sp =>
        {
            var orchestrator = sp.GetRequiredService<HostedOrchestrator>();
            var settings = sp.GetRequiredService<ServeSettings>();
            var time = sp.GetRequiredService<TimeProvider>();
            return orchestrator.Config.State.Provider == StateProviders.Redis && settings.Server.StoredResponses is not null
                ? new RedisResponseConversations(settings, new Lazy<RedisStateConnection>(() => RedisStateConnection.Open(orchestrator.Config.State, orchestrator.DependencyMetrics)), time, sp.GetRequiredService<ILogger<RedisResponseConversations>>())
                : new StoredResponses(settings, time);
        });
        // The buckets of server.rate_limit and server.failed_auth, where state: keeps them (memory or Redis).
        services.TryAddSingleton(sp =>
        {
            var orchestrator = sp.GetRequiredService<HostedOrchestrator>();
            return SharedState.RateLimits(orchestrator.Config.State, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), orchestrator.DependencyMetrics);
        });
        services.TryAddSingleton<FailedAuthLimiter>();
        services.TryAddSingleton<HostCallerResolver>(); // HttpContext.GetOrchestratorCallerAsync() for the host's own endpoints
        services.TryAddSingleton<HttpApiMarker>();
        services.TryAddSingleton<ServeTraffic>();
        services.AddHostedService<ServeShutdown>(); // /readyz 503 and server.drain_seconds on SIGTERM; logs what the stop cut off
        services.PostConfigure<KestrelServerOptions>(ServeHeaderLimits.ConfigureKestrel);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ServeSettings, IRateLimitStore, TimeProvider>((options, settings, store, time) => ServeRateLimiting.Configure(options, settings.Server.RateLimit, store, time));
        ServeTelemetry.Add(services);
        return services;
    }
}
