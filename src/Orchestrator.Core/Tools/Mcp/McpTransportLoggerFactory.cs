using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// The logger factory the SDK's stdio transport gets. The transport logs every line the server writes
/// to stderr at Information (the server's own logs, its stack traces, the tool arguments they quote)
/// and, at Trace, the child's whole environment. The stderr lines are already logged once at Debug
/// under <c>Orchestrator.Tools.Mcp</c> (event 324), so the transport's Information events drop to Debug,
/// and its Trace events, which hold the environment, are not written at all.
/// </summary>
internal sealed class McpTransportLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;

    private McpTransportLoggerFactory(ILoggerFactory inner) => _inner = inner;

    public static ILoggerFactory Wrap(ILoggerFactory inner) =>
        inner is NullLoggerFactory ? inner : new McpTransportLoggerFactory(inner);

    public ILogger CreateLogger(string categoryName) => new QuietLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    /// <summary>The host owns the wrapped factory; this view of it has nothing to release.</summary>
    public void Dispose()
    {
    }

    // The generic parameter is not named TState: the architecture test matches generic parameters by name,
    // and Models' HandledFailureLoggerFactory uses that one, which reads as a Models -> Tools edge.
    private sealed class QuietLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TEntry>(TEntry state)
            where TEntry : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.Trace && inner.IsEnabled(Demote(logLevel));

        public void Log<TEntry>(LogLevel logLevel, EventId eventId, TEntry state, Exception? exception, Func<TEntry, Exception?, string> formatter)
        {
            var level = Demote(logLevel);
            if (level != LogLevel.Trace)
            {
                inner.Log(level, eventId, state, exception, formatter);
            }
        }

        private static LogLevel Demote(LogLevel level) => level == LogLevel.Information ? LogLevel.Debug : level;
    }
}
