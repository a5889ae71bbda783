using Microsoft.Extensions.Logging;

namespace Orchestrator.Caching;

/// <summary>Source-generated log messages of the answer cache stores. Never question or answer text.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 345, Level = LogLevel.Warning, Message = "The answer cache store at {Location} is unreachable; answering without the cache meanwhile (logged at most once a minute): {Detail}")]
    public static partial void StoreUnavailable(ILogger logger, string location, string detail);

    [LoggerMessage(EventId = 346, Level = LogLevel.Warning, Message = "The answer cache store at {Location} holds data under its keys that is not a cached answer; treated as a miss (logged at most once a minute): {Detail}")]
    public static partial void StoreUnreadable(ILogger logger, string location, string detail);
}
