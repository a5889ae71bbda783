using OpenTelemetry.Resources;
using Orchestrator.Configuration;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The service the telemetry names, the same on /metrics (Prometheus <c>target_info</c>) and in OTLP
/// export. The name follows OpenTelemetry's convention: <c>OTEL_SERVICE_NAME</c> when set, then
/// <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>, then <c>telemetry.service_name</c> (default
/// "orchestrator"), so a process never reports the SDK's "unknown_service". One
/// <c>service.instance.id</c> per process lets a backend join one replica's scraped and pushed data.
/// </summary>
internal sealed class ServiceIdentity : IResourceDetector
{
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    public const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

    private ServiceIdentity(string name) => Name = name;

    public string Name { get; }

    public string InstanceId { get; } = Guid.NewGuid().ToString();

    public static ServiceIdentity From(TelemetryConfig telemetry, Func<string, string?> environment) => new(NameFrom(telemetry, environment));

    /// <summary>The service name for <paramref name="telemetry"/> under <paramref name="environment"/> (a variable lookup).</summary>
    public static string NameFrom(TelemetryConfig telemetry, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(environment);
        return NonBlank(environment(ServiceNameVariable))
            ?? NonBlank(FromResourceAttributes(environment(ResourceAttributesVariable)))
            ?? NonBlank(telemetry.ServiceName)
            ?? new TelemetryConfig().ServiceName;
    }

    /// <summary>Added after the SDK's default detectors, so it replaces their "unknown_service:…" name.</summary>
    public Resource Detect() => new(
    [
        new KeyValuePair<string, object>("service.name", Name),
        new KeyValuePair<string, object>("service.instance.id", InstanceId),
    ]);

    /// <summary>OTEL_RESOURCE_ATTRIBUTES is "key=value,key=value" with values percent-encoded (W3C Baggage octets).</summary>
    private static string? FromResourceAttributes(string? attributes)
    {
        foreach (var pair in (attributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() == "service.name")
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
