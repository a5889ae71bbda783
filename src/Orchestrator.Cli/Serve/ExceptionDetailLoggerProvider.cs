using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// Keeps stack traces out of <c>orchestrator serve</c>'s console unless the operator asked for Debug: a failed start
/// (an unreadable store, a taken port) logs the host's own <c>fail</c>/<c>crit</c> lines with the exception, and an
/// operator reading the journal wants one line per problem, not forty. Below Debug an entry's exception is cut to its
/// type and message on the same line; at <c>Logging__LogLevel__Default=Debug</c> (or Trace) it passes through whole.
/// </summary>
/// <remarks>
/// Named "Console" for the filter rules (<c>Logging:Console:LogLevel</c>), as the console provider it wraps in serve.
/// </remarks>
[ProviderAlias("Console")]
internal sealed class ExceptionDetailLoggerProvider(ILoggerProvider inner, bool fullExceptions) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), fullExceptions);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Whether a Logging:LogLevel:Default of <paramref name="defaultLevel"/> asks for whole exceptions.</summary>
    public static bool WantsFullExceptions(string? defaultLevel) =>
        Enum.TryParse<LogLevel>(defaultLevel, ignoreCase: true, out var level) && level <= LogLevel.Debug;

    private sealed class Logger(ILogger inner, bool fullExceptions) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || fullExceptions)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var reason = Shorten(exception);
            inner.Log(logLevel, eventId, state, null, (s, _) => $"{formatter(s, exception)}: {reason}");
        }

        /// <summary>
        /// The exception's type and message on one line, past wrappers that say nothing themselves (an AggregateException
        /// of one), with its root cause's when that is another exception (a store's message, then SQLite's own).
        /// </summary>
        private static string Shorten(Exception exception)
        {
            while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                exception = aggregate.InnerExceptions[0];
            }

            var root = exception.GetBaseException();
            var cause = root == exception ? "" : $" ({Describe(root)})";
            return $"{Describe(exception)}{cause} (stack trace at Logging__LogLevel__Default=Debug)";
        }

        private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}";
    }
}
