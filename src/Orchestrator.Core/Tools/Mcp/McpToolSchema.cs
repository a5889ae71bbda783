using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// Checks a tool's <c>inputSchema</c> as a server sent it, before it becomes a <see cref="ToolDescriptor"/>:
/// it must be a JSON object schema (<c>type: object</c>) whose <c>properties</c> is an object of
/// schemas and whose <c>required</c> lists property names. A tool that fails is skipped with the reason.
/// </summary>
public static class McpToolSchema
{
    /// <summary>The schema as a JSON element, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static JsonElement? Read(JsonNode? schema, out string? problem)
    {
        problem = schema switch
        {
            null => "has no inputSchema",
            not JsonObject => $"has an inputSchema that is a JSON {schema.GetValueKind().ToString().ToLowerInvariant()}, not an object",
            JsonObject o when o["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "object"
                => "has an inputSchema whose type is not \"object\"",
            JsonObject o when o["properties"] is { } p && (p is not JsonObject props || props.Any(x => x.Value is not JsonObject))
                => "has an inputSchema whose properties are not an object of schemas",
            JsonObject o when o["required"] is { } r && (r is not JsonArray list || list.Any(x => x is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
                => "has an inputSchema whose required is not a list of names",
            _ => null,
        };
        return problem is null ? JsonSerializer.SerializeToElement(schema) : null;
    }
}
