using Orchestrator.Configuration;

namespace Orchestrator;

public sealed record SpecialistRequest(string Question, AgentDefinition Agent)
{
    /// <summary>
    /// The guardian's reasons for rejecting a previous answer (failed checks and details), set on
    /// the one repair attempt before escalating; generative specialists add it to their prompt.
    /// </summary>
    public string? Critique { get; init; }

    /// <summary>Who is asking; tool policies (personal data) decide with it.</summary>
    public CallerIdentity Caller { get; init; } = CallerIdentity.Anonymous;

    /// <summary>Earlier turns, oldest first: the tool specialist finds a pending confirmation here, and retrieval completes elliptical follow-ups ("and in Paris?") from them.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>
    /// The route is a guess (low confidence or out of scope): tools with side effects must not run on it.
    /// </summary>
    public bool RouteIsTentative { get; init; }
}
