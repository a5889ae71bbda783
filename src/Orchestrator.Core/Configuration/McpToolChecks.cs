
namespace Orchestrator.Configuration;

/// <summary>
/// Agent <c>tools:</c> entries that are not built-in tools when MCP servers may provide them:
/// <c>mcp:server[/tool]</c> references are checked against <c>mcp_servers:</c>; plain names are
/// a warning, because an MCP server's tool names are only known once it answers at start-up.
/// </summary>
internal static class McpToolChecks
{
    public static void Check(YamlFields fields, Located tool, IReadOnlySet<string>? servers)
    {
        var declared = servers is null ? "" : $" ({(servers.Count == 0 ? "none are declared" : "declared: " + string.Join(", ", servers.Order(StringComparer.Ordinal)))})";
        if (!McpToolReference.IsReference(tool.Value))
        {
            fields.Diagnostics.Warning(fields.File, tool.At, $"tool '{tool.Value}' is not a built-in tool; it must come from an MCP server under mcp_servers{declared}, which is checked at start-up");
        }
        else if (!McpToolReference.TryParse(tool.Value, out var server, out _))
        {
            fields.Error(tool.At, $"tool reference '{tool.Value}' is malformed; expected mcp:<server> for all of a server's tools or mcp:<server>/<tool> for one");
        }
        else if (servers is not null && !servers.Contains(server))
        {
            fields.Error(tool.At, $"tool reference '{tool.Value}' names MCP server '{server}', which is not declared under mcp_servers{declared}{Suggestions.DidYouMean(server, servers)}");
        }
    }
}
