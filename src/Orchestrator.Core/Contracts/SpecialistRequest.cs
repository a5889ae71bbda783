using Orchestrator.Configuration;

namespace Orchestrator;

public sealed record SpecialistRequest(string Question, AgentDefinition Agent)
{
    /// <summary>
    /// The guardian's reasons for rejecting a previous answer (failed checks and details), set on
    /// the one repair attempt before escalating; generative specialists add it to their prompt.
    /// </summary>
    public string? Critique { get; init; }

    /// <summary>Earlier turns of the conversation, oldest first; retrieval uses them to complete elliptical follow-ups.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];
}
