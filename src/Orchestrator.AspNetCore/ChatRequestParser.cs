using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Reads an OpenAI Chat Completions request body by hand, so every wrong shape gets a 400 naming
/// the field (<c>messages[2].content</c>) rather than a generic binder error.
/// </summary>
internal static class ChatRequestParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    /// <summary>A tool's or function's result: untrusted data, dropped from the history no model sees as instructions.</summary>
    private const string ToolRole = "tool";

    public static ChatRequest Parse(ReadOnlyMemory<byte> body, OrchestratorConfig config, ServerConfig limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(config);
        if (body.IsEmpty)
        {
            throw ApiException.BadRequest("the request body is empty; send a JSON object like {\"model\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]}", ApiErrors.InvalidJson);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // JsonException messages name the line and byte position, never internals.
            throw ApiException.BadRequest($"the request body is not valid JSON: {ex.Message}", ApiErrors.InvalidJson);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"the request body must be a JSON object, found {Describe(root)}", ApiErrors.InvalidType);
            }

            return Read(root, config, limits);
        }
    }

    private static ChatRequest Read(JsonElement root, OrchestratorConfig config, ServerConfig limits)
    {
        var (model, agent) = ReadModel(root, config);
        CheckOptional(root, "max_tokens", JsonValueKind.Number);
        CheckOptional(root, "max_completion_tokens", JsonValueKind.Number);
        CheckOptional(root, "temperature", JsonValueKind.Number);
        CheckOptional(root, "top_p", JsonValueKind.Number);
        CheckOptional(root, "user", JsonValueKind.String);
        CheckOptional(root, "stream_options", JsonValueKind.Object);
        OutputOptionsCheck.Check(root);
        if (root.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null && (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var count) || count != 1))
        {
            throw ApiException.BadRequest("'n' must be 1: one answer is generated per request", param: "n");
        }

        var messages = ReadMessages(root, limits);
        var last = messages[^1];
        if (last.Role != ConversationTurn.User)
        {
            var hint = messages.Any(m => m.Role == ConversationTurn.User) ? "the last message must be the user's" : "there is no user message";
            throw ApiException.BadRequest($"{hint}; end 'messages' with {{\"role\":\"user\",\"content\":\"...\"}}", "no_user_message", "messages");
        }

        if (string.IsNullOrWhiteSpace(last.Text))
        {
            throw ApiException.BadRequest($"messages[{messages.Count - 1}].content is empty; send the question as text", "empty_message", "messages");
        }

        return new ChatRequest
        {
            Model = model,
            Agent = agent,
            EscalationRequested = agent is null && !string.Equals(model, ChatRequest.AutoModel, StringComparison.Ordinal),
            Text = last.Text,
            History = [.. messages.Take(messages.Count - 1).Where(m => m.Role != ToolRole)],
            Stream = ReadBool(root, "stream"),
            IncludeUsage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && ReadBool(options, "include_usage", "stream_options.include_usage"),
        };
    }

    private static (string Model, string? Agent) ReadModel(JsonElement root, OrchestratorConfig config)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.BadRequest("'model' is required; use \"orchestrator\" to route automatically or an agent name (GET /v1/models lists them)", param: "model");
        }

        if (model.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'model' must be a string, found {Describe(model)}", ApiErrors.InvalidType, "model");
        }

        var name = Text(model, "'model'", "model");
        if (string.Equals(name, ChatRequest.AutoModel, StringComparison.OrdinalIgnoreCase))
        {
            return (ChatRequest.AutoModel, null);
        }

        if (config.FindAgent(name) is null && config.Escalation.Target is { } target && string.Equals(name, target, StringComparison.OrdinalIgnoreCase))
        {
            // Naming the escalation target asks for a cloud answer (trigger "requested"), routed as usual.
            return (target, null);
        }

        var cloudHint = config.Escalation.Target is { } cloud ? $", or \"{cloud}\" (the escalation target) for a cloud answer" : "";
        var agent = config.FindAgent(name) ?? throw ApiException.BadRequest(
            $"unknown model '{Shorten(name)}'; expected \"orchestrator\" or an agent: {string.Join(", ", config.Agents.Select(a => a.Name))}{cloudHint}",
            ApiErrors.ModelNotFound,
            "model");
        return (agent.Name, agent.Name);
    }

    private static List<ConversationTurn> ReadMessages(JsonElement root, ServerConfig limits)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.BadRequest("'messages' is required: a list of {\"role\",\"content\"} objects ending with the user's message", param: "messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'messages' must be an array, found {Describe(messages)}", ApiErrors.InvalidType, "messages");
        }

        var count = messages.GetArrayLength();
        if (count == 0)
        {
            throw ApiException.BadRequest("'messages' is empty; send at least one user message", "empty_messages", "messages");
        }

        if (count > limits.MaxMessages)
        {
            throw ApiException.BadRequest($"'messages' has {count} items, over the limit of {limits.MaxMessages} (server.max_messages); send fewer earlier turns", "too_many_messages", "messages");
        }

        var turns = new List<ConversationTurn>(count);
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var turn = ReadMessage(message, $"messages[{index}]");
            if (index < count - 1 && turn.Text.Length > limits.MaxMessageChars)
            {
                throw ApiException.BadRequest($"messages[{index}].content is {turn.Text.Length} characters, over the limit of {limits.MaxMessageChars} for earlier turns (server.max_message_chars)", "message_too_long", "messages");
            }

            turns.Add(turn);
            index++;
        }

        return turns;
    }

    private static ConversationTurn ReadMessage(JsonElement message, string at)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{at} must be an object with 'role' and 'content', found {Describe(message)}", ApiErrors.InvalidType, "messages");
        }

        if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"{at}.role must be one of: {string.Join(", ", Roles)}", ApiErrors.InvalidType, "messages");
        }

        var roleName = Text(role, $"{at}.role", "messages");
        if (!Roles.Contains(roleName))
        {
            throw ApiException.BadRequest($"{at}.role '{Shorten(roleName)}' is not supported; expected one of: {string.Join(", ", Roles)}", param: "messages");
        }

        // "function" is the deprecated role of a function's result (the old `functions` API): a tool turn, whose content may be null.
        var text = ReadContent(message, $"{at}.content", roleName is "assistant" or "function");

        // The pipeline knows user, assistant and system turns; "developer" is OpenAI's newer name for system.
        return new ConversationTurn(roleName switch { "developer" => ConversationTurn.System, "function" => ToolRole, _ => roleName }, text);
    }

    private static string ReadContent(JsonElement message, string at, bool mayBeNull)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            // Assistant turns that only carried tool calls have no content.
            return mayBeNull ? "" : throw ApiException.BadRequest($"{at} is required", param: "messages");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return Text(content, at, "messages");
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{at} must be a string or an array of content parts, found {Describe(content)}", ApiErrors.InvalidType, "messages");
        }

        var parts = new List<string>();
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? Text(t, $"{at}[{i}].type", "messages") : null;
            if (type != "text")
            {
                throw ApiException.BadRequest(
                    type is null ? $"{at}[{i}] must be an object like {{\"type\":\"text\",\"text\":\"...\"}}" : $"{at}[{i}] has type '{Shorten(type)}'; only text parts are supported",
                    type is null ? ApiErrors.InvalidType : "unsupported_content",
                    "messages");
            }

            if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"{at}[{i}].text must be a string", ApiErrors.InvalidType, "messages");
            }

            parts.Add(Text(text, $"{at}[{i}].text", "messages"));
            i++;
        }

        return string.Join("\n", parts);
    }

    /// <summary>
    /// A JSON string as .NET text. The parser accepts escapes and bytes that form no valid text (a lone
    /// surrogate such as <c>"\ud800"</c>, a raw non-UTF-8 byte); reading them throws, so that becomes a 400 naming the field.
    /// </summary>
    private static string Text(JsonElement value, string at, string param)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest(
                $"{at} is not valid text: it holds an unpaired surrogate escape (like \\ud800) or bytes that are not UTF-8; send UTF-8 JSON with whole characters",
                "invalid_text",
                param);
        }
    }

    private static void CheckOptional(JsonElement root, string field, JsonValueKind kind)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != kind)
        {
            throw ApiException.BadRequest($"'{field}' must be {Article(kind)}, found {Describe(value)}", ApiErrors.InvalidType, field);
        }
    }

    private static bool ReadBool(JsonElement parent, string field, string? display = null)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiException.BadRequest($"'{display ?? field}' must be true or false, found {Describe(value)}", ApiErrors.InvalidType, display ?? field),
        };
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string text) => EchoedText.Shorten(text);
}
