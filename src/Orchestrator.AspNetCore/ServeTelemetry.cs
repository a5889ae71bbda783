using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Diagnostics;

namespace Orchestrator.AspNetCore;

/// <summary>
/// OpenTelemetry for the service: the "Orchestrator" meter served as Prometheus text at /metrics,
/// and, when an OTLP endpoint is configured (telemetry.otlp_endpoint or OTEL_EXPORTER_OTLP_ENDPOINT),
/// metrics and traces of the pipeline stages, the Microsoft.Extensions.AI model calls and ASP.NET
/// Core requests. The endpoint lives in orchestrator.yaml, which is read after the container is
/// built, so the OTLP providers are built when the host starts rather than registered up front.
/// </summary>
internal static class ServeTelemetry
{
    /// <summary>The ActivitySource of Microsoft.Extensions.AI's UseOpenTelemetry (GenAI-convention spans).</summary>
    public const string GenAiSource = "Experimental.Microsoft.Extensions.AI";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(OrchestratorMetrics.MeterName).AddPrometheusExporter());
        services.AddHostedService<OtlpExport>();
    }

    /// <summary>The OTLP tracer and meter providers, alive while the host runs; none when no endpoint is configured.</summary>
    private sealed class OtlpExport(IServiceProvider services) : IHostedService, IDisposable
    {
        private TracerProvider? _tracing;
        private MeterProvider? _metrics;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = services.GetRequiredService<ServeSettings>();
            var endpoint = settings.Telemetry.OtlpEndpoint;
            if (endpoint is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable)))
            {
                // Without an exporter, spans would be recorded for nobody: tracing stays off.
                return Task.CompletedTask;
            }

            var resource = ResourceBuilder.CreateDefault().AddService(settings.Telemetry.ServiceName);
            _metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(OrchestratorMetrics.MeterName)
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
