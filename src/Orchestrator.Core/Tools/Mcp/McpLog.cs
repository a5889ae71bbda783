using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.Mcp;

/// <summary>Log events of the MCP tool source (EventIds 320-329, 340-343).</summary>
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

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "MCP server {Server} changed its tools: added [{Added}], updated [{Updated}], removed [{Removed}]; agents see the change from their next request")]
    public static partial void ToolsChanged(ILogger logger, string server, string added, string updated, string removed);

    [LoggerMessage(EventId = 341, Level = LogLevel.Warning, Message = "MCP server {Server} announced a changed tool list, but reading it failed; the tools it had stay registered: {Reason}")]
    public static partial void RelistFailed(ILogger logger, string server, string reason, Exception? exception);

    [LoggerMessage(EventId = 342, Level = LogLevel.Warning, Message = "MCP server {Server}: updating its tools failed; they stay as they were")]
    public static partial void RefreshFailed(ILogger logger, string server, Exception exception);

    [LoggerMessage(EventId = 343, Level = LogLevel.Debug, Message = "MCP server {Server}: the subscription for tool-list changes ended: {Reason}")]
    public static partial void ListenEnded(ILogger logger, string server, string reason);
}
