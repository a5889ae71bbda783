using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
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
}
