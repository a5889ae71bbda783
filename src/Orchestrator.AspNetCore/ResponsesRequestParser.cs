using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Reads an OpenAI Responses API request (<c>POST /v1/responses</c>) into the same <see cref="ChatRequest"/> chat
/// completions makes, with the chat parser's model, turn and limit checks. What needs state or features the
/// orchestrator does not have (stored conversations and prompts, <c>previous_response_id</c> without
/// <c>server.stored_responses</c>, hosted tools, background runs, files) is a 400 naming the field.
/// </summary>
internal static class ResponsesRequestParser
{
    public const string Unsupported = "unsupported_parameter";
    private const string Example = "{\"model\":\"orchestrator\",\"input\":\"...\"}";
    private const string SendWholeConversation = "this server stores no responses (server.stored_responses is off): send the whole conversation in 'input' (earlier user and assistant messages as items) and leave it out";

    // OpenAI's limits on metadata, which bound what the reply echoes.
    private const int MaxMetadataPairs = 16;
    private const int MaxMetadataKeyChars = 64;
    private const int MaxMetadataValueChars = 512;

    /// <summary>Client-side tools: accepted and ignored, as chat completions ignores <c>tools</c> (the agents never call them).</summary>
    private static readonly string[] ClientToolTypes = ["function", "custom"];

    /// <summary>Input items that are tool traffic: untrusted data, left out of the history like chat's tool turns.</summary>
    private static readonly string[] ToolItemTypes = ["function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output", "reasoning"];

    public static ResponsesRequest Parse(ReadOnlyMemory<byte> body, OrchestratorConfig config, ServerConfig limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(config);
        using var document = ChatRequestParser.ParseObject(body, Example);
        var root = document.RootElement;
        var (model, agent) = ChatRequestParser.ReadModel(root, config);
        RefuseStatefulOptions(root, limits);
        CheckOptions(root);
        var instructions = ReadOptionalText(root, "instructions");
        if (instructions is not null && instructions.Length > limits.MaxMessageChars)
        {
            throw ApiException.BadRequest($"'instructions' is {instructions.Length} characters, over the limit of {limits.MaxMessageChars} for earlier turns (server.max_message_chars)", "message_too_long", "instructions");
        }

        var turns = ReadInput(root, limits);
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            turns.Insert(0, new ConversationTurn(ConversationTurn.System, instructions));
        }

        var stream = ChatRequestParser.ReadBool(root, "stream");
        return new ResponsesRequest
        {
            Chat = ChatRequestParser.Build(model, agent, turns, MessageDialect.Responses, stream, includeUsage: true),
            Instructions = instructions,
            MaxOutputTokens = root.TryGetProperty("max_output_tokens", out var max) && max.TryGetInt64(out var tokens) ? tokens : null,
            User = ReadOptionalText(root, "user"),
            PreviousResponseId = ReadOptionalText(root, "previous_response_id"),
            Store = !root.TryGetProperty("store", out var store) || store.ValueKind != JsonValueKind.False,
            Metadata = ReadMetadata(root),
        };
    }

    private static void RefuseStatefulOptions(JsonElement root, ServerConfig limits)
    {
        if (limits.StoredResponses is null)
        {
            RefuseUnlessNull(root, "previous_response_id", SendWholeConversation);
        }

        RefuseUnlessNull(root, "conversation", SendWholeConversation);
        RefuseUnlessNull(root, "prompt", "stored prompt templates are not served; send the text in 'instructions' and 'input'");
        if (root.TryGetProperty("background", out var background) && background.ValueKind == JsonValueKind.True)
        {
            throw ApiException.BadRequest("'background' is not supported: answers are not stored to be fetched later; leave it out and use 'stream' for long answers", Unsupported, "background");
        }
    }

    private static void CheckOptions(JsonElement root)
    {
        ChatRequestParser.CheckOptional(root, "max_output_tokens", JsonValueKind.Number);
        ChatRequestParser.CheckOptional(root, "temperature", JsonValueKind.Number);
        ChatRequestParser.CheckOptional(root, "top_p", JsonValueKind.Number);
        ChatRequestParser.CheckOptional(root, "user", JsonValueKind.String);
        ChatRequestParser.CheckOptional(root, "metadata", JsonValueKind.Object);
        ChatRequestParser.CheckOptional(root, "text", JsonValueKind.Object);
        ChatRequestParser.ReadBool(root, "store");
        ChatRequestParser.ReadBool(root, "background");
        if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object && text.TryGetProperty("format", out var format))
        {
            OutputOptionsCheck.CheckFormat(format, "text.format");
        }

        OutputOptionsCheck.CheckToolChoice(root, "tool_choice");
        CheckTools(root);
    }

    private static void CheckTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'tools' must be an array, found {ChatRequestParser.Describe(tools)}", ApiErrors.InvalidType, "tools");
        }

        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var type = tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? ChatRequestParser.Text(t, $"tools[{i}].type", "tools")
                : throw ApiException.BadRequest($"tools[{i}] must be an object with a 'type'", ApiErrors.InvalidType, "tools");
            if (!ClientToolTypes.Contains(type))
            {
                throw ApiException.BadRequest(
                    $"tools[{i}] has type '{EchoedText.Shorten(type)}': hosted tools (web search, file search, code interpreter, MCP, ...) are not run by this server; the agents use their own tools (agents/*.yaml). Leave it out",
                    Unsupported,
                    "tools");
            }

            i++;
        }
    }

    private static List<ConversationTurn> ReadInput(JsonElement root, ServerConfig limits)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.BadRequest("'input' is required: the user's text, or a list of {\"role\",\"content\"} messages ending with the user's", param: "input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [new ConversationTurn(ConversationTurn.User, ChatRequestParser.Text(input, "'input'", "input"))];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'input' must be a string or an array of messages, found {ChatRequestParser.Describe(input)}", ApiErrors.InvalidType, "input");
        }

        var count = input.GetArrayLength();
        ChatRequestParser.CheckCount(count, MessageDialect.Responses, limits);
        var turns = new List<ConversationTurn>(count);
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            var turn = ReadItem(item, $"input[{index}]");
            ChatRequestParser.CheckEarlierTurn(turn, index, count, MessageDialect.Responses, limits);
            turns.Add(turn);
            index++;
        }

        return turns;
    }

    /// <summary>A message (with or without <c>"type":"message"</c>); tool traffic becomes a tool turn; anything else is named.</summary>
    private static ConversationTurn ReadItem(JsonElement item, string at)
    {
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            var name = type.ValueKind == JsonValueKind.String
                ? ChatRequestParser.Text(type, $"{at}.type", "input")
                : throw ApiException.BadRequest($"{at}.type must be a string", ApiErrors.InvalidType, "input");
            if (ToolItemTypes.Contains(name))
            {
                return new ConversationTurn(ChatRequestParser.ToolRole, "");
            }

            if (name == "item_reference")
            {
                throw ApiException.BadRequest($"{at} is an item_reference: {SendWholeConversation}", Unsupported, "input");
            }

            if (name != "message")
            {
                throw ApiException.BadRequest($"{at} has type '{EchoedText.Shorten(name)}'; only messages (and function call items, which are ignored) are supported", Unsupported, "input");
            }
        }

        return ChatRequestParser.ReadMessage(item, at, MessageDialect.Responses);
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(JsonElement root)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("metadata", out var pairs) || pairs.ValueKind != JsonValueKind.Object)
        {
            return metadata;
        }

        try
        {
            ReadPairs(pairs, metadata);
        }
        catch (InvalidOperationException)
        {
            // A key with a lone surrogate escape or bytes that are not UTF-8 (values are caught by Text).
            throw ApiException.BadRequest("a 'metadata' key is not valid text; send UTF-8 JSON with whole characters", "invalid_text", "metadata");
        }

        return metadata;
    }

    private static void ReadPairs(JsonElement pairs, Dictionary<string, string> metadata)
    {
        foreach (var pair in pairs.EnumerateObject())
        {
            if (metadata.Count == MaxMetadataPairs)
            {
                throw ApiException.BadRequest($"'metadata' has more than {MaxMetadataPairs} pairs", param: "metadata");
            }

            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"metadata.{EchoedText.Shorten(pair.Name)} must be a string, found {ChatRequestParser.Describe(pair.Value)}", ApiErrors.InvalidType, "metadata");
            }

            var value = ChatRequestParser.Text(pair.Value, "a metadata value", "metadata");
            if (pair.Name.Length > MaxMetadataKeyChars || value.Length > MaxMetadataValueChars)
            {
                throw ApiException.BadRequest($"'metadata' keys are at most {MaxMetadataKeyChars} characters and values at most {MaxMetadataValueChars}", param: "metadata");
            }

            metadata[pair.Name] = value;
        }
    }

    private static string? ReadOptionalText(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? ChatRequestParser.Text(value, $"'{field}'", field)
            : throw ApiException.BadRequest($"'{field}' must be a string, found {ChatRequestParser.Describe(value)}", ApiErrors.InvalidType, field);
    }

    private static void RefuseUnlessNull(JsonElement root, string field, string why)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            throw ApiException.BadRequest($"'{field}' is not supported: {why}", Unsupported, field);
        }
    }
}
