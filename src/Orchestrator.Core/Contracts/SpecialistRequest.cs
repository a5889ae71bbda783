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

    /// <summary>
    /// The retrieval rail: a retrieval specialist passes every search's passages through it as soon
    /// as they are found, before any model (answer writer, repair) or answer builder sees them, and
    /// uses only the passages it returns. Null when no retrieval rail applies to the agent.
    /// </summary>
    public Func<IReadOnlyList<Passage>, CancellationToken, Task<IReadOnlyList<Passage>>>? ScreenPassages { get; init; }
}
