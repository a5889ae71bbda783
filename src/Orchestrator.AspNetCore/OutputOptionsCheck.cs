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

    private const string NoJson = "the orchestrator's agents answer in prose (extractive or generated), never in JSON; leave 'response_format' out or send {\"type\":\"text\"}";
    private const string NoToolCalls = "the orchestrator's agents answer in text and never call the client's tools; send \"auto\" or \"none\", or leave it out";

    public static void Check(JsonElement root)
    {
        CheckResponseFormat(root);
        CheckToolChoice(root, "tool_choice");
        CheckToolChoice(root, "function_call");
    }

    private static void CheckResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest("'response_format' must be an object like {\"type\":\"text\"}", ApiErrors.InvalidType, "response_format");
        }

        var name = type.GetString();
        if (name != "text")
        {
            throw ApiException.BadRequest($"'response_format' type '{EchoedText.Shorten(name ?? "")}' is not supported: {NoJson}", UnsupportedValue, "response_format");
        }
    }

    private static void CheckToolChoice(JsonElement root, string field)
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

    /// <summary><c>{"type":"allowed_tools","allowed_tools":{"mode":"auto",...}}</c> lets the model answer in text.</summary>
    private static bool IsAutoAllowedTools(JsonElement choice) =>
        choice.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("allowed_tools")
        && choice.TryGetProperty("allowed_tools", out var allowed) && allowed.ValueKind == JsonValueKind.Object
        && allowed.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.ValueEquals("auto");
}
