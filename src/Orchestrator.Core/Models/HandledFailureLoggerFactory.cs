using Microsoft.Extensions.Logging;
using Orchestrator.Diagnostics;

namespace Orchestrator.Models;

/// <summary>
/// The logger factory Microsoft.Extensions.AI's chat-client decorators get: what they log at Warning or
/// above is written at Debug, exception included. <c>LoggingChatClient</c> logs every failed call at Error
/// and <c>OpenTelemetryChatClient</c> at Warning, both with the stack trace, although the orchestrator
/// handles those failures (retry, next provider, degraded answer) and logs each once, at its own level,
/// under <c>Orchestrator.*</c>. The categories stay the same, so an operator who wants the detail sets
/// <c>Microsoft.Extensions.AI</c> to Debug; spans and metrics are not logs and are unaffected.
/// </summary>
internal static class HandledFailureLoggerFactory
{
    /// <summary>The factory to hand the decorators; a null factory stays one, so no logging decorator is added.</summary>
    public static ILoggerFactory Wrap(ILoggerFactory inner) => LevelMappingLoggerFactory.Wrap(inner, Demote);

    private static LogLevel? Demote(LogLevel level) =>
        level is >= LogLevel.Warning and <= LogLevel.Critical ? LogLevel.Debug : level;
}
