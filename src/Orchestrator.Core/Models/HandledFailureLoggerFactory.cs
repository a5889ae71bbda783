using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Models;

/// <summary>
/// The logger factory Microsoft.Extensions.AI's chat-client decorators get: what they log at Warning or
/// above is written at Debug, exception included. <c>LoggingChatClient</c> logs every failed call at Error
/// and <c>OpenTelemetryChatClient</c> at Warning, both with the stack trace, although the orchestrator
/// handles those failures (retry, next provider, degraded answer) and logs each once, at its own level,
/// under <c>Orchestrator.*</c>. The categories stay the same, so an operator who wants the detail sets
/// <c>Microsoft.Extensions.AI</c> to Debug; spans and metrics are not logs and are unaffected.
/// </summary>
internal sealed class HandledFailureLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;

    private HandledFailureLoggerFactory(ILoggerFactory inner) => _inner = inner;

    /// <summary>The factory to hand the decorators; a <see cref="NullLoggerFactory"/> stays one, so no logging decorator is added.</summary>
    public static ILoggerFactory Wrap(ILoggerFactory inner) =>
        inner is NullLoggerFactory ? inner : new HandledFailureLoggerFactory(inner);

    public ILogger CreateLogger(string categoryName) => new DemotingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    /// <summary>The host owns the wrapped factory; this view of it has nothing to release.</summary>
    public void Dispose()
    {
    }

    private sealed class DemotingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Demote(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Demote(logLevel);
            inner.Log(level, eventId, state, exception, formatter);
        }

        private static LogLevel Demote(LogLevel level) =>
            level is >= LogLevel.Warning and <= LogLevel.Critical ? LogLevel.Debug : level;
    }
}
