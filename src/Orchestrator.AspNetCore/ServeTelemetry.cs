using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Diagnostics;

namespace Orchestrator.AspNetCore;

/// <summary>
/// OpenTelemetry for the service: the orchestrator's meters ("Orchestrator" for requests,
/// "Orchestrator.Embedder" for the served embedder) as Prometheus text at /metrics, and, when an OTLP endpoint is configured (telemetry.otlp_endpoint or OTEL_EXPORTER_OTLP_ENDPOINT),
/// metrics and traces of the pipeline stages, the Microsoft.Extensions.AI model calls and ASP.NET
/// Core requests. The endpoint lives in orchestrator.yaml, which is read after the container is
/// built, so the OTLP providers are built when the host starts rather than registered up front. Both name
/// the service alike (<see cref="ServiceIdentity"/>).
/// </summary>
internal static class ServeTelemetry
{
    /// <summary>The ActivitySource of Microsoft.Extensions.AI's UseOpenTelemetry (GenAI-convention spans).</summary>
    public const string GenAiSource = "Experimental.Microsoft.Extensions.AI";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every meter the orchestrator records on.</summary>
    public static readonly string[] Meters = [OrchestratorMetrics.MeterName, OrchestratorMetrics.EmbedderMeterName];

    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(sp => ServiceIdentity.From(sp.GetRequiredService<ServeSettings>().Telemetry, Environment.GetEnvironmentVariable));
        // Only the metrics provider that serves /metrics: a host's own traces and logs keep the resource it gives them.
        // /metrics needs no key, so third-party series there keep only safe attributes (ScrapedMetricTags).
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .ConfigureResource(resource => resource.AddDetector(sp => sp.GetRequiredService<ServiceIdentity>()))
                .AddMeter(Meters)
                .AddPrometheusExporter();
            // The view needs this container's meter factory, known once the container is built (HostMeterScope).
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
                builder.AddView(HostMeterScope.View(sp.GetRequiredService<IMeterFactory>(), ScrapedMetricTags.View)));
        });
        services.AddHostedService<OtlpExport>();
    }

    /// <summary>The OTLP tracer and meter providers, alive while the host runs; none when no endpoint is configured.</summary>
    internal sealed class OtlpExport(IServiceProvider services) : IHostedService, IDisposable
    {
        private TracerProvider? _tracing;
        private MeterProvider? _metrics;

        /// <summary>The resource the exported metrics carry; null while nothing is exported.</summary>
        internal Resource? MetricsResource => _metrics?.GetResource();

        /// <summary>The resource the exported spans carry; null while nothing is exported.</summary>
        internal Resource? TracingResource => _tracing?.GetResource();

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = services.GetRequiredService<ServeSettings>();
            var endpoint = settings.Telemetry.OtlpEndpoint;
            if (endpoint is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable)))
            {
                // Without an exporter, spans would be recorded for nobody: tracing stays off.
                return Task.CompletedTask;
            }

            var resource = ResourceBuilder.CreateDefault().AddDetector(services.GetRequiredService<ServiceIdentity>());
            _metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(Meters)
                .AddView(HostMeterScope.View(services.GetRequiredService<IMeterFactory>(), _ => null))
                .AddOtlpExporter(o => Point(o, endpoint))
                .Build();
            _tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(OrchestratorTelemetry.SourceName, GenAiSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddOtlpExporter(o => Point(o, endpoint))
                .Build();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _tracing?.Dispose();
            _metrics?.Dispose();
            _tracing = null;
            _metrics = null;
        }

        private static void Point(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri? endpoint)
        {
            if (endpoint is not null)
            {
                options.Endpoint = endpoint;
            }
        }
    }
}
