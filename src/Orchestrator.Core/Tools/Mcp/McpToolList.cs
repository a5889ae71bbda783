using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// tools/list read raw, page by page, so one tool with a broken schema is skipped (with a reason)
/// instead of failing the whole list. At most <see cref="McpServerConnection.MaxPages"/> pages.
/// </summary>
internal static class McpToolList
{
    public static async Task<(IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> ReadAsync(McpClient client, string server, CancellationToken cancellationToken)
    {
        var tools = new List<McpListedTool>();
        var skipped = new List<string>();
        string? cursor = null;
        for (var page = 0; page < McpServerConnection.MaxPages; page++)
        {
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor },
            };
            var response = await client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Result is not JsonObject result || result["tools"] is not JsonArray listed)
            {
                throw new ToolUnavailableException($"MCP server '{server}' is unavailable: its tools/list answer has no list of tools");
            }

            foreach (var node in listed)
            {
                if (Read(node, server, out var problem) is { } tool)
                {
                    tools.Add(tool);
                }
                else
                {
                    skipped.Add(problem);
                }
            }

            cursor = result["nextCursor"] is JsonValue next && next.GetValueKind() == JsonValueKind.String ? next.GetValue<string>() : null;
            if (cursor is null)
            {
                break;
            }
        }

        return (tools, skipped);
    }

    private static McpListedTool? Read(JsonNode? node, string server, out string problem)
    {
        var name = node is JsonObject o && o["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = $"MCP server '{server}' listed a tool without a name; it was skipped";
            return null;
        }

        var shown = name.Length <= 80 ? name : name[..80] + "...";
        if (McpToolSchema.Read(node!["inputSchema"], out var schemaProblem) is not { } schema)
        {
            problem = $"MCP server '{server}': tool '{shown}' {schemaProblem}; it was skipped";
            return null;
        }

        problem = "";
        var description = node!["description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : null;
        var readOnly = node!["annotations"] is JsonObject annotations && annotations["readOnlyHint"] is JsonValue hint
            && hint.GetValueKind() == JsonValueKind.True;
        return new McpListedTool(name, description, schema) { ReadOnly = readOnly };
    }
}
