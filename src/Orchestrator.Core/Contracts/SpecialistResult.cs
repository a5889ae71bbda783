using Orchestrator.Configuration;

namespace Orchestrator;

/// <summary>What a specialist produced. A failure is a value, not an exception.</summary>
public sealed record SpecialistResult
{
    public required bool Succeeded { get; init; }

    public string Answer { get; init; } = "";

    public IReadOnlyList<CitationInfo> Citations { get; init; } = [];

    /// <summary>Passages the answer was drawn from; the guardian checks groundedness against them.</summary>
    public IReadOnlyList<Passage> Evidence { get; init; } = [];

    public IReadOnlyList<ToolCallInfo> ToolCalls { get; init; } = [];

    /// <summary>Why the specialist could not answer, when <see cref="Succeeded"/> is false.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// Set when the preferred path failed and a simpler one answered instead, e.g. why a model's
    /// grounded answer was replaced by the extractive one. For logs and diagnostics; not part of the JSON contract.
    /// </summary>
    public string? Fallback { get; init; }

    /// <summary>The query retrieval searched with, when it differs from the request (a follow-up completed from earlier turns).</summary>
    public string? RetrievalQuery { get; init; }

    /// <summary>Tokens the model reported, when a model answered.</summary>
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public static SpecialistResult Failed(string reason) => new() { Succeeded = false, FailureReason = reason };
}
