using Orchestrator.Configuration;

namespace Orchestrator.AspNetCore;

/// <summary>What the HTTP API enforces: the configuration's <c>server:</c> and <c>telemetry:</c> sections.</summary>
internal sealed class ServeSettings
{
    public ServerConfig Server { get; init; } = new();

    public TelemetryConfig Telemetry { get; init; } = new();

    public static ServeSettings From(OrchestratorConfig config) => new()
    {
        Server = config.Server,
        Telemetry = config.Telemetry,
    };
}
