using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// tools/list read raw, page by page, so one tool with a broken schema is skipped (with a reason)
/// instead of failing the whole list. A server's list is bounded, because it can change at any time
/// and each change is read again: at most <see cref="McpServerConnection.MaxPages"/> pages and
/// <see cref="McpServerConnection.MaxTools"/> tools, descriptions cut at
/// <see cref="McpServerConnection.MaxDescriptionLength"/> characters, schemas over
/// <see cref="McpServerConnection.MaxSchemaLength"/> characters and names over
/// <see cref="MaxNameLength"/> skipped, and at most <see cref="MaxReasons"/> skip reasons kept.
/// </summary>
internal static class McpToolList
{
    /// <summary>Longer names are skipped before they are normalized; registered names are at most <see cref="McpToolNames.MaxLength"/>.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Skip reasons kept per listing; the rest are counted in one line, so a list of thousands of broken tools is a few warnings.</summary>
    public const int MaxReasons = 20;

    public static async Task<(IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> ReadAsync(McpClient client, string server, CancellationToken cancellationToken)
    {
        var tools = new List<McpListedTool>();
        var skipped = new List<string>();
        var skippedCount = 0;
        var beyondLimit = 0;
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
                if (tools.Count >= McpServerConnection.MaxTools)
                {
                    beyondLimit++;
                }
                else if (Read(node, server, out var problem) is { } tool)
                {
                    tools.Add(tool);
                }
                else if (++skippedCount <= MaxReasons)
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

        if (skippedCount > MaxReasons)
        {
            skipped.Add($"MCP server '{server}': {skippedCount - MaxReasons} more unusable tools were skipped");
        }

        if (beyondLimit > 0)
        {
            skipped.Add($"MCP server '{server}' listed more than {McpServerConnection.MaxTools} tools; the first {McpServerConnection.MaxTools} are used and {beyondLimit} more were skipped");
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
        if (name.Length > MaxNameLength)
        {
            problem = $"MCP server '{server}': tool '{shown}' has a name longer than {MaxNameLength} characters; it was skipped";
            return null;
        }

        JsonElement? schema;
        string? schemaProblem;
        try
        {
            schema = McpToolSchema.Read(node!["inputSchema"], out schemaProblem);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Nested deeper than System.Text.Json writes (64 levels), or otherwise unwritable.
            (schema, schemaProblem) = (null, "has an inputSchema that cannot be read");
        }

        if (schema is null || schema.Value.GetRawText().Length > McpServerConnection.MaxSchemaLength)
        {
            problem = $"MCP server '{server}': tool '{shown}' {schemaProblem ?? $"has an inputSchema longer than {McpServerConnection.MaxSchemaLength} characters"}; it was skipped";
            return null;
        }

        problem = "";
        var description = node!["description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : null;
        if (description is { Length: > McpServerConnection.MaxDescriptionLength })
        {
            // Descriptions go into every prompt that offers the tool: a long one costs tokens on each request.
            description = description[..McpServerConnection.MaxDescriptionLength] + "...";
        }

        var readOnly = node!["annotations"] is JsonObject annotations && annotations["readOnlyHint"] is JsonValue hint
            && hint.GetValueKind() == JsonValueKind.True;
        return new McpListedTool(name, description, schema.Value) { ReadOnly = readOnly };
    }
}
