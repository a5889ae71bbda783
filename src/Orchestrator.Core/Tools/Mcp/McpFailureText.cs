using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>Why an MCP server failed, in two registers: what an end user may see, and what the operator's log gets.</summary>
internal static class McpFailureText
{
    /// <summary>What an end user may see: no URLs, commands, paths or remote error text (operator details).</summary>
    public static string Public(Exception ex, McpServerConfig config, string doing) => ex switch
    {
        OperationCanceledException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {config.TimeoutSeconds:0.###} s while {doing}"),
        McpProtocolException protocol => $"the server answered with error {protocol.ErrorCode}",
        JsonException => $"it sent malformed JSON while {doing}",
        _ => $"the server could not be reached while {doing}",
    };

    /// <summary>A short, safe reason for the operator: what went wrong, never a stack trace.</summary>
    public static string Operator(Exception ex, McpServerConfig config, string doing) => ex switch
    {
        OperationCanceledException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {config.TimeoutSeconds:0.###} s while {doing} (timeout_seconds)"),
        HttpRequestException http => $"HTTP request to {config.Url} failed ({http.HttpRequestError}: {http.Message})",
        McpProtocolException protocol => $"the server answered with error {protocol.ErrorCode}: {protocol.Message}",
        System.ComponentModel.Win32Exception start => $"could not start '{config.Command}': {start.Message}",
        IOException when config.IsStdio => $"the process '{config.Command}' exited or closed its output while {doing}",
        IOException => $"the connection closed while {doing}",
        JsonException => $"it sent malformed JSON while {doing}",
        ToolUnavailableException unavailable => unavailable.Message,
        _ => ex.Message,
    };
}
