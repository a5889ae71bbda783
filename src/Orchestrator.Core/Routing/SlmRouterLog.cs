using Microsoft.Extensions.Logging;

namespace Orchestrator.Routing;

internal static partial class SlmRouterLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "SLM router fell back to the semantic router: {Reason}")]
    public static partial void FellBack(ILogger logger, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "SLM router chose {Agent} with confidence {Confidence}")]
    public static partial void Chose(ILogger logger, string agent, double confidence);
}
