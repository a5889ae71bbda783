using Microsoft.Extensions.Logging;

namespace Orchestrator.State;

/// <summary>Source-generated log messages of the shared state stores.</summary>
internal static partial class StateLog
{
    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "The rate-limit store at {Location} is unreachable; {Consequence}: {Detail}")]
    public static partial void RateLimitStoreUnavailable(ILogger logger, string location, string consequence, string detail);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "The store of used confirmations at {Location} is unreachable; no proposal is confirmed until it answers: {Detail}")]
    public static partial void UsedProposalsUnavailable(ILogger logger, string location, string detail);
}
