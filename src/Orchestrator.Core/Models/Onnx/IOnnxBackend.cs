using Microsoft.Extensions.AI;

namespace Orchestrator.Models.Onnx;

/// <summary>
/// The native side of the client: prompt formatting, tokenisation and decoding. Kept behind an
/// interface so the queueing, stop-sequence and streaming logic is testable without a model.
/// </summary>
internal interface IOnnxBackend : IDisposable
{
    string FormatPrompt(IReadOnlyList<ChatMessage> messages);

    IOnnxGeneration Start(string prompt, GenerationSettings settings);
}

/// <summary>One decode in progress. Not thread-safe: driven by a single background thread.</summary>
internal interface IOnnxGeneration : IDisposable
{
    int PromptTokens { get; }

    /// <summary>Decodes one token; false once the model emitted EOS or hit the length limit.</summary>
    bool TryNextToken(out string text);
}

/// <param name="JsonSchema">The JSON schema the output must follow (from <c>ChatOptions.ResponseFormat</c>), or null.</param>
internal sealed record GenerationSettings(int MaxOutputTokens, float? Temperature, float? TopP, int? TopK, long? Seed, string? JsonSchema = null);
