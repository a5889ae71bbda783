using AspNetHostSample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using Orchestrator.Cli.Serve;
using OpenTelemetry.Metrics;
using Orchestrator.AspNetCore;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>The service name on /metrics and in OTLP export: OpenTelemetry's variables, then the configuration, then "orchestrator".</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ServiceIdentityTests(SampleRuntimeFixture fixture)
{
    [Theory]
    [InlineData(null, null, null, "orchestrator")]
    [InlineData(null, null, "  ", "orchestrator")]
    [InlineData(null, null, "assistant", "assistant")]
    [InlineData(null, "deployment.environment=prod,service.name=from%20attributes", "assistant", "from attributes")]
    [InlineData(" from-env ", "service.name=from-attributes", "assistant", "from-env")]
    [InlineData("", "deployment.environment=prod", "assistant", "assistant")]
    public void The_name_follows_the_opentelemetry_convention(string? serviceName, string? attributes, string? configured, string expected)
    {
        var telemetry = configured is null ? new TelemetryConfig() : new TelemetryConfig { ServiceName = configured };
        var environment = new Dictionary<string, string?>
        {
            [ServiceIdentity.ServiceNameVariable] = serviceName,
            [ServiceIdentity.ResourceAttributesVariable] = attributes,
        };

        Assert.Equal(expected, ServiceIdentity.NameFrom(telemetry, name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task Metrics_and_otlp_export_name_the_same_service_instance()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, telemetry: new TelemetryConfig { OtlpEndpoint = new Uri("http://127.0.0.1:9"), ServiceName = "assistant" });
        var scraped = server.Services.GetRequiredService<MeterProvider>().GetResource().Attributes.ToDictionary();
        var otlp = server.Services.GetServices<IHostedService>().OfType<ServeTelemetry.OtlpExport>().Single();
        var pushed = otlp.MetricsResource!.Attributes.ToDictionary();
        var traced = otlp.TracingResource!.Attributes.ToDictionary();

        var expected = ServiceIdentity.NameFrom(new TelemetryConfig { ServiceName = "assistant" }, Environment.GetEnvironmentVariable);
        Assert.Equal(expected, scraped["service.name"]);
        Assert.Equal(expected, pushed["service.name"]);
        Assert.Equal(expected, traced["service.name"]);
        Assert.Equal(scraped["service.instance.id"], pushed["service.instance.id"]);
        Assert.Equal(scraped["service.instance.id"], traced["service.instance.id"]);
    }

    [Fact]
    public async Task A_host_built_with_add_orchestrator_names_the_service_on_metrics_even_when_it_logs_through_opentelemetry()
    {
        // The name comes from the loaded configuration (HostedOrchestrator.Config), which needs the
        // ILoggerFactory that an OpenTelemetry logging provider is part of: no cycle, and no "unknown_service".
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-otel-logging-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "assistant"), folder);
        try
        {
            var start = Task.Run(async () =>
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                builder.Logging.AddOpenTelemetry();
                builder.Services.AddOrchestrator(o => o.ConfigFile = Path.Combine(folder, "orchestrator.yaml"))
                    .AddTools<OrderTools>()
                    .AddGuardianCheck<NoInternalCodesCheck>();
                builder.Services.AddOrchestratorHttpApi();
                var app = builder.Build();
                app.MapOrchestrator();
                await app.StartAsync();
                return app;
            });

            await using var app = await start.WaitAsync(TimeSpan.FromMinutes(2));
            using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };
            var text = await client.GetStringAsync("/metrics");
            await app.StopAsync();

            var expected = ServiceIdentity.NameFrom(new TelemetryConfig(), Environment.GetEnvironmentVariable);
            Assert.Contains($"service_name=\"{expected}\"", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".orchestrator", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
