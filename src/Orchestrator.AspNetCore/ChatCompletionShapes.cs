using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

// OpenAI chat.completion and chat.completion.chunk objects, serialised with ServeJson.Options.

internal sealed record ChatCompletion(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, ChatUsage Usage, ResponseMetadata Orchestrator);

internal sealed record ChatChoice(int Index, ChatMessage Message, string FinishReason);

internal sealed record ChatMessage(string Role, string Content);

internal sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>A stream chunk. The last one (empty choices) carries usage when asked and the <c>orchestrator</c> metadata.</summary>
internal sealed record ChatChunk(string Id, string Object, long Created, string Model, IReadOnlyList<ChunkChoice> Choices)
{
    public ChatUsage? Usage { get; init; }

    public JsonObject? Orchestrator { get; init; }
}

internal sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason);

internal sealed record ChunkDelta(string? Role, string? Content);

internal static class ChatShapes
{
    public const string CompletionObject = "chat.completion";
    public const string ChunkObject = "chat.completion.chunk";

    /// <summary>The OrchestratorResponse without <c>answer</c>: the answer already is the message content.</summary>
    public static JsonObject Metadata(OrchestratorResponse response)
    {
        var node = JsonSerializer.SerializeToNode(response, OrchestratorJson.Options)!.AsObject();
        node.Remove("answer");
        return node;
    }

    public static ChatUsage Usage(OrchestratorResponse response) =>
        new(response.Cost.PromptTokens, response.Cost.CompletionTokens, response.Cost.PromptTokens + response.Cost.CompletionTokens);

    /// <summary>The agent that answered, or "orchestrator" when no local agent's answer was given as is.</summary>
    public static string ModelName(RouteInfo route, bool escalated) =>
        route is { Agent: { } agent, OutOfScope: false } && !escalated ? agent : ChatRequest.AutoModel;

    public static string RouteHeader(RouteInfo route) =>
        route is { Agent: { } agent, OutOfScope: false } ? agent : "none";
}
