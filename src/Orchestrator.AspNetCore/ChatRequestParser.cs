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

    /// <summary>A tool's or function's result: untrusted data, dropped from the history no model sees as instructions.</summary>
    internal const string ToolRole = "tool";

    public static ChatRequest Parse(ReadOnlyMemory<byte> body, OrchestratorConfig config, ServerConfig limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(config);
        using var document = ParseObject(body, "{\"model\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]}");
        return Read(document.RootElement, config, limits);
    }

    /// <summary>The body as a JSON object; an empty body, invalid JSON or another kind of value is a 400 that shows <paramref name="example"/> or names the problem.</summary>
    internal static JsonDocument ParseObject(ReadOnlyMemory<byte> body, string example)
    {
        if (body.IsEmpty)
        {
            throw ApiException.BadRequest($"the request body is empty; send a JSON object like {example}", ApiErrors.InvalidJson);
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

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var found = Describe(document.RootElement);
            document.Dispose();
            throw ApiException.BadRequest($"the request body must be a JSON object, found {found}", ApiErrors.InvalidType);
        }

        return document;
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
        var stream = ReadBool(root, "stream");
        var includeUsage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && ReadBool(options, "include_usage", "stream_options.include_usage");
        return Build(model, agent, messages, MessageDialect.Chat, stream, includeUsage);
    }

    /// <summary>The request from its turns: the last must be the user's and hold text; tool turns are left out of the history.</summary>
    internal static ChatRequest Build(string model, string? agent, List<ConversationTurn> turns, MessageDialect dialect, bool stream, bool includeUsage)
    {
        var field = dialect.Field;
        var last = turns[^1];
        if (last.Role != ConversationTurn.User)
        {
            var hint = turns.Any(m => m.Role == ConversationTurn.User) ? "the last message must be the user's" : "there is no user message";
            throw ApiException.BadRequest($"{hint}; end '{field}' with {dialect.UserMessageExample}", "no_user_message", field);
        }

        if (string.IsNullOrWhiteSpace(last.Text))
        {
            throw ApiException.BadRequest($"{field}[{turns.Count - 1}].content is empty; send the question as text", "empty_message", field);
        }

        return new ChatRequest
        {
            Model = model,
            Agent = agent,
            EscalationRequested = agent is null && !string.Equals(model, ChatRequest.AutoModel, StringComparison.Ordinal),
            Text = last.Text,
            History = [.. turns.Take(turns.Count - 1).Where(m => m.Role != ToolRole)],
            Stream = stream,
            IncludeUsage = includeUsage,
        };
    }

    internal static (string Model, string? Agent) ReadModel(JsonElement root, OrchestratorConfig config)
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
        CheckCount(count, MessageDialect.Chat, limits);
        var turns = new List<ConversationTurn>(count);
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var turn = ReadMessage(message, $"messages[{index}]", MessageDialect.Chat);
            CheckEarlierTurn(turn, index, count, MessageDialect.Chat, limits);
            turns.Add(turn);
            index++;
        }

        return turns;
    }

    /// <summary>No turns, or more than server.max_messages, is a 400 naming the field.</summary>
    internal static void CheckCount(int count, MessageDialect dialect, ServerConfig limits)
    {
        var field = dialect.Field;
        if (count == 0)
        {
            throw ApiException.BadRequest($"'{field}' is empty; send at least one user message", "empty_messages", field);
        }

        if (count > limits.MaxMessages)
        {
            throw ApiException.BadRequest($"'{field}' has {count} items, over the limit of {limits.MaxMessages} (server.max_messages); send fewer earlier turns", "too_many_messages", field);
        }
    }

    /// <summary>Earlier turns are held to server.max_message_chars; the last one to limits.max_input_chars (the pipeline checks that).</summary>
    internal static void CheckEarlierTurn(ConversationTurn turn, int index, int count, MessageDialect dialect, ServerConfig limits)
    {
        if (index < count - 1 && turn.Text.Length > limits.MaxMessageChars)
        {
            throw ApiException.BadRequest($"{dialect.Field}[{index}].content is {turn.Text.Length} characters, over the limit of {limits.MaxMessageChars} for earlier turns (server.max_message_chars)", "message_too_long", dialect.Field);
        }
    }

    internal static ConversationTurn ReadMessage(JsonElement message, string at, MessageDialect dialect)
    {
        var field = dialect.Field;
        var roles = dialect.Roles;
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"{at} must be an object with 'role' and 'content', found {Describe(message)}", ApiErrors.InvalidType, field);
        }

        if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"{at}.role must be one of: {string.Join(", ", roles)}", ApiErrors.InvalidType, field);
        }

        var roleName = Text(role, $"{at}.role", field);
        if (!roles.Contains(roleName))
        {
            throw ApiException.BadRequest($"{at}.role '{Shorten(roleName)}' is not supported; expected one of: {string.Join(", ", roles)}", param: field);
        }

        // "function" is the deprecated role of a function's result (the old `functions` API): a tool turn, whose content may be null.
        var text = ReadContent(message, $"{at}.content", roleName is "assistant" or "function", dialect);

        // The pipeline knows user, assistant and system turns; "developer" is OpenAI's newer name for system.
        return new ConversationTurn(roleName switch { "developer" => ConversationTurn.System, "function" => ToolRole, _ => roleName }, text);
    }

    private static string ReadContent(JsonElement message, string at, bool mayBeNull, MessageDialect dialect)
    {
        var field = dialect.Field;
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            // Assistant turns that only carried tool calls have no content.
            return mayBeNull ? "" : throw ApiException.BadRequest($"{at} is required", param: field);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return Text(content, at, field);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{at} must be a string or an array of content parts, found {Describe(content)}", ApiErrors.InvalidType, field);
        }

        var parts = new List<string>();
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? Text(t, $"{at}[{i}].type", field) : null;
            if (type is null || !dialect.TextPartTypes.Contains(type))
            {
                throw ApiException.BadRequest(
                    type is null ? $"{at}[{i}] must be an object like {{\"type\":\"{dialect.TextPartTypes[0]}\",\"text\":\"...\"}}" : $"{at}[{i}] has type '{Shorten(type)}'; only text parts are supported",
                    type is null ? ApiErrors.InvalidType : "unsupported_content",
                    field);
            }

            if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"{at}[{i}].text must be a string", ApiErrors.InvalidType, field);
            }

            parts.Add(Text(text, $"{at}[{i}].text", field));
            i++;
        }

        return string.Join("\n", parts);
    }

    /// <summary>
    /// A JSON string as .NET text. The parser accepts escapes and bytes that form no valid text (a lone
    /// surrogate such as <c>"\ud800"</c>, a raw non-UTF-8 byte); reading them throws, so that becomes a 400 naming the field.
    /// </summary>
    internal static string Text(JsonElement value, string at, string param)
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

    internal static void CheckOptional(JsonElement root, string field, JsonValueKind kind)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != kind)
        {
            throw ApiException.BadRequest($"'{field}' must be {Article(kind)}, found {Describe(value)}", ApiErrors.InvalidType, field);
        }
    }

    internal static bool ReadBool(JsonElement parent, string field, string? display = null)
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

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    internal static string Shorten(string text) => EchoedText.Shorten(text);
}
