using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.Mcp;

/// <summary>Log events of the MCP tool source (EventIds 320-329).</summary>
internal static partial class McpLog
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "MCP server {Server} connected: {Count} tools")]
    public static partial void Connected(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void Unavailable(ILogger logger, string warning, Exception? exception);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "MCP server {Server}: tool {Tool} skipped: {Reason}")]
    public static partial void ToolSkipped(ILogger logger, string server, string tool, string reason);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "MCP server {Server}: call to {Tool} failed")]
    public static partial void CallFailed(ILogger logger, string server, string tool, Exception exception);

    [LoggerMessage(EventId = 325, Level = LogLevel.Warning, Message = "MCP server {Server}: the connection was lost; the next call reconnects")]
    public static partial void ConnectionLost(ILogger logger, string server, Exception? exception);

    [LoggerMessage(EventId = 326, Level = LogLevel.Information, Message = "MCP server {Server} reconnected: {Count} tools")]
    public static partial void Reconnected(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 327, Level = LogLevel.Warning, Message = "MCP server {Server}: reconnecting failed: {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, string server, string reason, Exception? exception);

    [LoggerMessage(EventId = 328, Level = LogLevel.Information, Message = "MCP server {Server} is still unavailable; next try in {Delay}: {Reason}")]
    public static partial void StillUnavailable(ILogger logger, string server, TimeSpan delay, string reason, Exception? exception);

    [LoggerMessage(EventId = 329, Level = LogLevel.Information, Message = "MCP server {Server} joined after warm-up: {Count} tools; its tools are registered and agents that list them can use them now")]
    public static partial void Joined(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 324, Level = LogLevel.Debug, Message = "MCP server {Server} stderr: {Line}")]
    public static partial void StandardError(ILogger logger, string server, string line);
}
