using Microsoft.Extensions.Logging;

namespace Orchestrator.Models.Resilience;

/// <summary>Log lines of the model resilience pipeline; failures are described by status or exception type, never by message text.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "model {Model}: attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string model, int attempt, string failure, double delayMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "model {Model}: {Scope} timeout after {TimeoutMs} ms")]
    public static partial void TimedOut(ILogger logger, string model, string scope, double timeoutMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "model {Model}: circuit breaker opened after {Failure}; calls fail fast for {BreakSeconds} s")]
    public static partial void BreakerOpened(ILogger logger, string model, string failure, double breakSeconds);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "model {Model}: circuit breaker half-open; letting one probe call through")]
    public static partial void BreakerHalfOpened(ILogger logger, string model);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "model {Model}: circuit breaker closed; calls flow again")]
    public static partial void BreakerClosed(ILogger logger, string model);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "model {Model}: call rejected without reaching the endpoint ({Reason})")]
    public static partial void Rejected(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "model {Model}: hedging to model {Secondary} (attempt {Attempt})")]
    public static partial void Hedging(ILogger logger, string model, string secondary, int attempt);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "model {Model}: chaos injected {What}")]
    public static partial void ChaosInjected(ILogger logger, string model, string what);
}
