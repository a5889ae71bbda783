using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Diagnostics;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// OpenTelemetry for the service: the "Orchestrator" meter served as Prometheus text at /metrics,
/// and, when an OTLP endpoint is configured (telemetry.otlp_endpoint or OTEL_EXPORTER_OTLP_ENDPOINT),
/// traces of the pipeline stages, the Microsoft.Extensions.AI model calls and ASP.NET Core requests.
/// </summary>
internal static class ServeTelemetry
{
    /// <summary>The ActivitySource of Microsoft.Extensions.AI's UseOpenTelemetry (GenAI-convention spans).</summary>
    public const string GenAiSource = "Experimental.Microsoft.Extensions.AI";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services, ServeSettings settings)
    {
        var endpoint = settings.Telemetry.OtlpEndpoint;
        var exportOtlp = endpoint is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.Telemetry.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrchestratorMetrics.MeterName).AddPrometheusExporter();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter(o => Point(o, endpoint));
                }
            });
        if (exportOtlp)
        {
            // Without an exporter, spans would be recorded for nobody: tracing stays off.
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrchestratorTelemetry.SourceName, GenAiSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddOtlpExporter(o => Point(o, endpoint)));
        }
    }

    private static void Point(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
    }
}
