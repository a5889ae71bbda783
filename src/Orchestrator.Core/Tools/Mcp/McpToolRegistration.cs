using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// How a connected server's tools enter a <see cref="ToolRegistry"/>, the same at warm-up, when a
/// server joins later, reconnects or announces a changed list: snake_case names (<see cref="McpToolNames"/>)
/// with the MCP name as alias, the group <c>mcp:&lt;server&gt;</c>, and a policy from <c>readOnlyHint</c>
/// (a tool the server ever listed as one that may change things stays so: a server cannot loosen a
/// tool's policy by re-listing it). The group is replaced whole: vanished tools are removed, names
/// another server or a local tool holds are never taken. Entries under <c>tools:</c> in the
/// configuration are applied by name at call time (<see cref="ToolPolicies"/>), and agents' tool lists
/// are expanded per request (<see cref="ToolRegistry.ForAgent"/>), so both hold for changed tools too.
/// </summary>
internal static class McpToolRegistration
{
    /// <summary>Makes the server's registered tools its current list, as one change; returns why any were skipped, and what changed.</summary>
    public static (IReadOnlyList<string> Skipped, ToolGroupChange Change) Register(McpServerConnection connection, ToolRegistry registry)
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
                    Policy = new ToolPolicy { SideEffects = !tool.ReadOnly || connection.MayChangeThings(mcpName) },
                },
                mcpName));
        }

        var change = registry.ReplaceGroup(McpToolReference.ForServer(connection.Name), candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (change.Taken[i])
            {
                skipped.Add($"MCP server '{connection.Name}': tool '{candidates[i].Alias}' is registered as '{candidates[i].Descriptor.Name}', which another tool already uses; it was skipped");
            }
        }

        return (skipped, change);
    }
}
