using System.Text.Json;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Refuses the output options the orchestrator cannot honour: JSON output (<c>response_format</c>
/// <c>json_object</c>/<c>json_schema</c>) and a forced call of the client's tools (<c>tool_choice</c>
/// <c>"required"</c> or a named function, <c>function_call</c> naming one). The agents answer in prose
/// and never call client-side tools, so such a request used to get a 200 with prose, which structured-output
/// helpers (LangChain's <c>withStructuredOutput</c>, the AI SDK's <c>generateObject</c>) failed to parse or
/// turned into <c>undefined</c>. A clear 400 naming the field says why. Text output and <c>"auto"</c>/<c>"none"</c>
/// stay accepted (and the tools ignored), since clients send them by default.
/// </summary>
internal static class OutputOptionsCheck
{
    public const string UnsupportedValue = "unsupported_value";

    private const string NoJson = "the orchestrator's agents answer in prose (extractive or generated), never in JSON";
    private const string NoToolCalls = "the orchestrator's agents answer in text and never call the client's tools; send \"auto\" or \"none\", or leave it out";

    public static void Check(JsonElement root)
    {
        if (root.TryGetProperty("response_format", out var format))
        {
            CheckFormat(format, "response_format");
        }

        CheckToolChoice(root, "tool_choice");
        CheckToolChoice(root, "function_call");
    }

    /// <summary>An output format (chat's <c>response_format</c>, the Responses API's <c>text.format</c>): only <c>{"type":"text"}</c> or null passes.</summary>
    public static void CheckFormat(JsonElement format, string field)
    {
        if (format.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'{field}' must be an object like {{\"type\":\"text\"}}", ApiErrors.InvalidType, field);
        }

        var name = type.GetString();
        if (name != "text")
        {
            throw ApiException.BadRequest($"'{field}' type '{EchoedText.Shorten(name ?? "")}' is not supported: {NoJson}; leave '{field}' out or send {{\"type\":\"text\"}}", UnsupportedValue, field);
        }
    }

    public static void CheckToolChoice(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (choice.ValueKind)
        {
            case JsonValueKind.String when choice.GetString() is "auto" or "none":
                return;
            case JsonValueKind.String:
                throw ApiException.BadRequest($"'{field}' \"{EchoedText.Shorten(choice.GetString() ?? "")}\" is not supported: {NoToolCalls}", UnsupportedValue, field);
            case JsonValueKind.Object when IsAutoAllowedTools(choice):
                return;
            case JsonValueKind.Object:
                throw ApiException.BadRequest($"'{field}' forces a tool call, which is not supported: {NoToolCalls}", UnsupportedValue, field);
            default:
                throw ApiException.BadRequest($"'{field}' must be \"auto\", \"none\" or an object", ApiErrors.InvalidType, field);
        }
    }

    /// <summary>
    /// <c>{"type":"allowed_tools","allowed_tools":{"mode":"auto",...}}</c> (chat completions) or
    /// <c>{"type":"allowed_tools","mode":"auto","tools":[...]}</c> (the Responses API) lets the model answer in text.
    /// </summary>
    private static bool IsAutoAllowedTools(JsonElement choice) =>
        choice.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("allowed_tools")
        && (IsAutoMode(choice) || (choice.TryGetProperty("allowed_tools", out var allowed) && allowed.ValueKind == JsonValueKind.Object && IsAutoMode(allowed)));

    private static bool IsAutoMode(JsonElement holder) =>
        holder.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.ValueEquals("auto");
}
