using System.Text.Json.Nodes;

namespace Orchestrator.Tests.Support;

/// <summary>Chat Completions JSON bodies and stream chunks, shaped like OpenAI's.</summary>
internal static class FakeOpenAiPayloads
{
    private const long Created = 1_700_000_000;

    public static JsonObject Completion(string model, FakeOpenAiReply reply)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select(c => (JsonNode)ToolCall(c, index: null))]);
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = FinishReason(reply),
            }),
            ["usage"] = Usage(reply),
        };
    }

    /// <summary>A role chunk, the text in a few pieces, tool calls, the finish chunk and a usage chunk.</summary>
    public static IEnumerable<JsonObject> StreamChunks(string model, FakeOpenAiReply reply)
    {
        yield return Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        foreach (var piece in Pieces(reply.Text ?? ""))
        {
            yield return Chunk(model, new JsonObject { ["content"] = piece }, null);
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            yield return Chunk(model, new JsonObject { ["tool_calls"] = new JsonArray(ToolCall(reply.ToolCalls[i], i)) }, null);
        }

        yield return Chunk(model, new JsonObject(), FinishReason(reply));
        var usage = Chunk(model, null, null);
        usage["choices"] = new JsonArray();
        usage["usage"] = Usage(reply);
        yield return usage;
    }

    /// <summary>Splits after each space so a streamed reply arrives as several deltas.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static JsonObject Chunk(string model, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }),
    };

    private static JsonObject ToolCall(FakeToolCall call, int? index)
    {
        var node = new JsonObject
        {
            ["id"] = call.Id,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
        };
        if (index is { } i)
        {
            node["index"] = i;
        }

        return node;
    }

    private static string FinishReason(FakeOpenAiReply reply) => reply.ToolCalls.Count > 0 ? "tool_calls" : "stop";

    private static JsonObject Usage(FakeOpenAiReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
    };
}
