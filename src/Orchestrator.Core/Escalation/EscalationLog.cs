using Microsoft.Extensions.Logging;

namespace Orchestrator.Escalation;

/// <summary>Source-generated log messages for escalation. Request and answer text are never logged: they may hold PII.</summary>
internal static partial class EscalationLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Escalation model {Model} is unavailable at start-up: {Reason}")]
    public static partial void ProviderUnavailableAtStart(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ProviderUnreachableAtStart(ILogger logger, string warning);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Escalation model {Model} {Detail}; trying the next provider")]
    public static partial void ProviderFailed(ILogger logger, string model, string detail);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Escalation to {Model} answered; {Redacted} PII values were sent as placeholders")]
    public static partial void Answered(ILogger logger, string model, int redacted);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Escalation to {Model} refused by the budget: {Reason}")]
    public static partial void BudgetRefused(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Streamed escalation from {Model} broke after text was sent: {Detail}")]
    public static partial void StreamBroke(ILogger logger, string model, string detail);
}
