using Microsoft.Extensions.Logging;

namespace Orchestrator.Diagnostics;

/// <summary>Source-generated log messages for the pipeline. Request text is never logged: it may hold PII.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Routed to {Agent} with confidence {Confidence:F3} (out of scope: {OutOfScope})")]
    public static partial void Routed(ILogger logger, string? agent, double confidence, bool outOfScope);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Specialist for agent {Agent} threw; the request is marked specialist_failed")]
    public static partial void SpecialistThrew(ILogger logger, string agent, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Guardian rejected the answer of agent {Agent}: {FailedChecks}")]
    public static partial void GuardianRejected(ILogger logger, string agent, string failedChecks);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Escalation needed ({Reason}); target {Target}, performed {Performed}")]
    public static partial void EscalationNeeded(ILogger logger, string reason, string target, bool performed);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Agent {Agent} answered by its fallback path: {Fallback}")]
    public static partial void SpecialistFellBack(ILogger logger, string agent, string fallback);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Specialist for agent {Agent} failed: {Reason}")]
    public static partial void SpecialistFailed(ILogger logger, string agent, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Repair attempt for agent {Agent} with the guardian's critique; passed: {Passed}")]
    public static partial void Repaired(ILogger logger, string agent, bool passed);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Guardian check {Check} threw; it counts as failed and the answer is withheld")]
    public static partial void GuardianCheckThrew(ILogger logger, string check, Exception exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Guardian check {Check} ({CheckType}) returned null instead of a GuardianCheckResult; it counts as failed and the answer is withheld")]
    public static partial void GuardianCheckReturnedNull(ILogger logger, string check, string checkType);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Guardian check {Check} gave no result within {Seconds} s (guardian.check_timeout_seconds); it counts as failed and the answer is withheld")]
    public static partial void GuardianCheckTimedOut(ILogger logger, string check, double seconds);

    [LoggerMessage(EventId = 140, Level = LogLevel.Debug, Message = "Answer cache hit ({Match}) for agent {Agent}")]
    public static partial void CacheHit(ILogger logger, string? agent, string match);
}
