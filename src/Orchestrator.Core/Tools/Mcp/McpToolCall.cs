using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orchestrator.Configuration;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.Mcp;

/// <summary>One tools/call on one client, bounded by the server's timeout, its failure sorted into "the connection is gone" and everything else.</summary>
internal static class McpToolCall
{
    /// <exception cref="McpConnectionLostException">The session ended or its transport failed under the call.</exception>
    /// <exception cref="ToolUnavailableException">The call timed out or the server answered with an error or nonsense.</exception>
    /// <exception cref="ToolArgumentException">The tool ran and reported an error.</exception>
    public static async Task<string> RunAsync(
        McpClient client, McpServerConfig config, string mcpName, Dictionary<string, object?> values, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        // On the host's clock, like the reconnect and retry intervals, so a test decides when a call has taken too long
        // instead of a busy machine's scheduler. (The connect bound stays on real time: it also ends a blocked attempt.)
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(config.TimeoutSeconds), timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(mcpName, values, progress: null, options: null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            McpLog.CallFailed(logger, config.Name, mcpName, ex);
            if (IsConnectionLoss(client, ex))
            {
                throw new McpConnectionLostException(ex);
            }

            // The caller (and through tool_calls the end user) gets the public reason; the log has the rest.
            throw new ToolUnavailableException($"MCP server '{config.Name}' could not run '{mcpName}': {McpFailureText.Public(ex, config, "calling the tool")}", ex);
        }

        var text = McpResultText.From(result);
        if (result.IsError == true)
        {
            throw new ToolArgumentException(text.Length > 0 ? text : $"'{mcpName}' on MCP server '{config.Name}' reported an error without details");
        }

        return text;
    }

    /// <summary>
    /// The session ended (the SDK completes it when the transport closes), or the transport itself
    /// failed: an I/O error, an HTTP failure (a restarted server answers 404 for the old session), a
    /// disposed client. A time-out, an error answer or malformed JSON is the server's answer, not a loss.
    /// </summary>
    private static bool IsConnectionLoss(McpClient client, Exception ex) =>
        client.Completion.IsCompleted
        || ex is IOException or HttpRequestException or ObjectDisposedException
        || ex.InnerException is IOException or HttpRequestException;
}
