using Microsoft.Extensions.Logging;

namespace Orchestrator.Guardian.ModelRisk;

internal static partial class ModelRiskLog
{
    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Guardian check {Check} failed closed: {Reason}")]
    public static partial void FailedClosed(ILogger logger, string check, string reason);
}
