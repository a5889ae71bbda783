using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>A validated chat completions request: the latest user message, the earlier turns and the options we honour.</summary>
internal sealed record ChatRequest
{
    public const string AutoModel = "orchestrator";

    /// <summary>"orchestrator" or the canonical name of the agent the caller forced.</summary>
    public required string Model { get; init; }

    /// <summary>The agent to force, or null to route.</summary>
    public string? Agent { get; init; }

    public required string Text { get; init; }

    /// <summary>True when <see cref="Model"/> names the escalation target: the caller asked for a cloud answer.</summary>
    public bool EscalationRequested { get; init; }

    public required IReadOnlyList<ConversationTurn> History { get; init; }

    public bool Stream { get; init; }

    /// <summary>stream_options.include_usage: the last chunk carries usage.</summary>
    public bool IncludeUsage { get; init; }
}
