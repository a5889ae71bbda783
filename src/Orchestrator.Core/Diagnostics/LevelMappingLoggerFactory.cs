using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Diagnostics;

/// <summary>
/// A view of the host's logger factory for a library the orchestrator hands it to, in which each entry's level is
/// mapped (a failure the orchestrator already handles written at Debug, say) or the entry dropped (the map returns
/// null). Categories, event ids, state and exceptions stay as they are. The host owns the wrapped factory.
/// </summary>
internal sealed class LevelMappingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly Func<LogLevel, LogLevel?> _map;

    private LevelMappingLoggerFactory(ILoggerFactory inner, Func<LogLevel, LogLevel?> map)
    {
        _inner = inner;
        _map = map;
    }

    /// <summary>The factory to hand the library; a <see cref="NullLoggerFactory"/> stays one, so nothing is wrapped for nothing.</summary>
    public static ILoggerFactory Wrap(ILoggerFactory inner, Func<LogLevel, LogLevel?> map) =>
        inner is NullLoggerFactory ? inner : new LevelMappingLoggerFactory(inner, map);

    public ILogger CreateLogger(string categoryName) => new MappingLogger(_inner.CreateLogger(categoryName), _map);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    /// <summary>The host owns the wrapped factory; this view of it has nothing to release.</summary>
    public void Dispose()
    {
    }

    private sealed class MappingLogger(ILogger inner, Func<LogLevel, LogLevel?> map) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => map(logLevel) is { } level && inner.IsEnabled(level);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (map(logLevel) is { } level)
            {
                inner.Log(level, eventId, state, exception, formatter);
            }
        }
    }
}
