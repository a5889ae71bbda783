namespace Orchestrator.Configuration;

/// <summary>
/// An agent's <c>tools:</c> entry that names MCP tools by server: <c>mcp:orders</c> (every tool of
/// the server) or <c>mcp:orders/get_order</c> (one tool, by its MCP name or its registered name).
/// </summary>
public static class McpToolReference
{
    public const string Prefix = "mcp:";

    public static bool IsReference(string entry) =>
        entry is not null && entry.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Splits a reference; false when it is not one or is malformed (empty server or tool).</summary>
    public static bool TryParse(string entry, out string server, out string? tool)
    {
        server = "";
        tool = null;
        if (!IsReference(entry))
        {
            return false;
        }

        var rest = entry[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        server = slash < 0 ? rest : rest[..slash];
        tool = slash < 0 ? null : rest[(slash + 1)..];
        return server.Length > 0 && tool is not { Length: 0 };
    }

    /// <summary>The group name under which a server's tools are registered: <c>mcp:name</c>.</summary>
    public static string ForServer(string server) => Prefix + server;
}
