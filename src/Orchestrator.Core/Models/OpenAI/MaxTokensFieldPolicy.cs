using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Models.OpenAI;

/// <summary>
/// For a model with <c>max_tokens_field: max_tokens</c>: renames the chat request's <c>max_completion_tokens</c>
/// (all the OpenAI SDK 2.14 sends, with no option for the older field) to <c>max_tokens</c>, so servers that
/// read only the older field still get the budget's output cap. Other requests and bodies pass unchanged.
/// </summary>
internal sealed class MaxTokensFieldPolicy : PipelinePolicy
{
    private const string NewField = "max_completion_tokens";
    private const string OldField = "max_tokens";

    public static MaxTokensFieldPolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        if (Content(message) is { } content)
        {
            using var buffer = new MemoryStream();
            content.WriteTo(buffer);
            Rewrite(message, buffer);
        }

        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        if (Content(message) is { } content)
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken).ConfigureAwait(false);
            Rewrite(message, buffer);
        }

        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
    }

    private static BinaryContent? Content(PipelineMessage message) =>
        message.Request.Method == "POST" && message.Request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) == true
            ? message.Request.Content
            : null;

    private static void Rewrite(PipelineMessage message, MemoryStream buffer)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length).Span);
        }
        catch (JsonException)
        {
            return; // not ours to fix; the server answers it
        }

        if (parsed is not JsonObject body || !body.Remove(NewField, out var cap))
        {
            return;
        }

        body[OldField] ??= cap;
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
    }
}
