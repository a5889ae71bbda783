namespace Orchestrator.Configuration;

public enum AgentKind
{
    Retrieval,
    Tool,
    Generation,
}

/// <summary>One agent, loaded from one YAML file in the agents folder.</summary>
public sealed class AgentDefinition
{
    public required string Name { get; init; }

    public required AgentKind Kind { get; init; }

    public required string Description { get; init; }

    /// <summary>Route examples: requests this agent should take. They train the semantic router.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Store collection a retrieval agent searches.</summary>
    public string? Knowledge { get; init; }

    /// <summary>Optional generative model; without one, retrieval answers are extractive.</summary>
    public string? Model { get; init; }

    /// <summary>Optional prompt template name in the prompts folder.</summary>
    public string? Prompt { get; init; }

    /// <summary>Guardian checks to run on this agent's answers, e.g. groundedness, pii.</summary>
    public IReadOnlyList<string> Guardian { get; init; } = [];

    /// <summary>Tool names a tool agent may call.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    public AgentEscalationConfig Escalation { get; init; } = new();

    /// <summary>
    /// This agent's rails (<c>rails:</c>), combined with the global <c>guardian.rails</c> for its
    /// requests (<see cref="RailsConfig.MergedWith"/>); empty by default.
    /// </summary>
    public RailsConfig Rails { get; init; } = new();

    /// <summary>Routing policy tests (<c>tests:</c>), run by <c>orchestrator agents test</c>; they do not train the router.</summary>
    public AgentRouteTests Tests { get; init; } = AgentRouteTests.None;

    /// <summary>The YAML file this agent came from, for error messages.</summary>
    public string SourceFile { get; init; } = "";
}

public sealed class AgentEscalationConfig
{
    /// <summary>False marks the agent never_escalate: its requests are answered locally or refused.</summary>
    public bool Allowed { get; init; } = true;

    /// <summary>True means every request to this agent escalates (reason <c>policy</c>).</summary>
    public bool Always { get; init; }

    /// <summary>Narrows the global <c>escalation.triggers</c> for this agent; null keeps the global list.</summary>
    public IReadOnlyList<string>? Triggers { get; init; }
}
