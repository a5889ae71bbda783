using Microsoft.Extensions.Logging;

namespace Orchestrator.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Orchestrator warm-up: {Step}")]
    public static partial void WarmUpStep(ILogger logger, string step);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Orchestrator ready in {Seconds:F1} s: {Agents} agents from {ConfigFile}")]
    public static partial void Ready(ILogger logger, double seconds, int agents, string configFile);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Orchestrator warm-up failed; requests will fail until the host restarts")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Orchestrator configuration warning: {Warning}")]
    public static partial void ConfigWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Orchestrator could not write or remove the first-ingest marker {File} ({Reason}); an interrupted first ingest will not be finished at the next start (run `orchestrator ingest` then)")]
    public static partial void FirstIngestMarkerFailed(ILogger logger, string file, string reason);
}
