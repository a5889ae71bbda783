using Microsoft.Extensions.Logging;
using Orchestrator.Diagnostics;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// The logger factory the SDK's stdio transport gets. The transport logs every line the server writes
/// to stderr at Information (the server's own logs, its stack traces, the tool arguments they quote)
/// and, at Trace, the child's whole environment. The stderr lines are already logged once at Debug
/// under <c>Orchestrator.Tools.Mcp</c> (event 324), so the transport's Information events drop to Debug,
/// and its Trace events, which hold the environment, are not written at all.
/// </summary>
internal static class McpTransportLoggerFactory
{
    public static ILoggerFactory Wrap(ILoggerFactory inner) => LevelMappingLoggerFactory.Wrap(inner, Quiet);

    private static LogLevel? Quiet(LogLevel level) => level switch
    {
        LogLevel.Trace => null,
        LogLevel.Information => LogLevel.Debug,
        _ => level,
    };
}
