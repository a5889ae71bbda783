using System.Text.Json;

namespace Orchestrator.Tools.Mcp;

/// <summary>One tool as an MCP server listed it, after its schema was checked.</summary>
public sealed record McpListedTool(string McpName, string? Description, JsonElement InputSchema)
{
    /// <summary>The server's <c>annotations.readOnlyHint</c>; MCP's default is false (the tool may change things).</summary>
    public bool ReadOnly { get; init; }
}
