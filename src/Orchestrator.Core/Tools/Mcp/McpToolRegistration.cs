using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// How a connected server's tools enter a <see cref="ToolRegistry"/>, the same at warm-up and when a
/// server joins later: snake_case names (<see cref="McpToolNames"/>) with the MCP name as alias, the
/// group <c>mcp:&lt;server&gt;</c>, and a policy from <c>readOnlyHint</c>. Entries under <c>tools:</c> in
/// the configuration are applied by name at call time (<see cref="ToolPolicies"/>), so they hold for
/// late tools too.
/// </summary>
internal static class McpToolRegistration
{
    /// <summary>Registers the connection's tools as one change; returns why any were skipped.</summary>
    public static IReadOnlyList<string> Register(McpServerConnection connection, ToolRegistry registry)
    {
        var skipped = new List<string>();
        var candidates = new List<(ToolDescriptor Descriptor, string? Alias)>();
        foreach (var tool in connection.Tools)
        {
            var name = McpToolNames.Normalize(tool.McpName);
            if (name is null)
            {
                skipped.Add($"MCP server '{connection.Name}': tool '{tool.McpName}' has no usable name (it needs a letter first and at most {McpToolNames.MaxLength} characters); it was skipped");
                continue;
            }

            var mcpName = tool.McpName;
            candidates.Add((
                new ToolDescriptor
                {
                    Name = name,
                    Description = string.IsNullOrWhiteSpace(tool.Description) ? $"{mcpName} (from MCP server {connection.Name})" : tool.Description,
                    ParametersSchema = tool.InputSchema,
                    Invoke = (arguments, ct) => connection.CallAsync(mcpName, arguments, ct),

                    // MCP says a tool may change things unless it declares readOnlyHint; tools: in the config can override.
                    Policy = new ToolPolicy { SideEffects = !tool.ReadOnly },
                },
                mcpName));
        }

        var added = registry.AddGroup(McpToolReference.ForServer(connection.Name), candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!added[i])
            {
                skipped.Add($"MCP server '{connection.Name}': tool '{candidates[i].Alias}' is registered as '{candidates[i].Descriptor.Name}', which another tool already uses; it was skipped");
            }
        }

        return skipped;
    }
}
