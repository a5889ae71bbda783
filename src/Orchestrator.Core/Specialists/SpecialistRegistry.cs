using Orchestrator.Configuration;

namespace Orchestrator.Specialists;

/// <summary>
/// Chooses the specialist for each agent: an agent-specific one first, then one for the agent's
/// kind when it has a model (generation, grounded retrieval), then one for its kind.
/// </summary>
public sealed class SpecialistRegistry
{
    private readonly Dictionary<AgentKind, ISpecialist> _byKind = [];
    private readonly Dictionary<AgentKind, ISpecialist> _byKindWithModel = [];
    private readonly Dictionary<string, ISpecialist> _byAgent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Serves agents of this kind (with or without a model, unless <see cref="AddForModelAgents"/> overrides).</summary>
    public SpecialistRegistry Add(AgentKind kind, ISpecialist specialist)
    {
        _byKind[kind] = specialist ?? throw new ArgumentNullException(nameof(specialist));
        return this;
    }

    /// <summary>Serves agents of this kind that name a model (<c>model:</c> in the agent file).</summary>
    public SpecialistRegistry AddForModelAgents(AgentKind kind, ISpecialist specialist)
    {
        _byKindWithModel[kind] = specialist ?? throw new ArgumentNullException(nameof(specialist));
        return this;
    }

    /// <summary>Serves one agent by name, ahead of the kind rules (e.g. a tool agent with its own tools).</summary>
    public SpecialistRegistry AddForAgent(string agentName, ISpecialist specialist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentName);
        _byAgent[agentName] = specialist ?? throw new ArgumentNullException(nameof(specialist));
        return this;
    }

    /// <summary>The specialist for the agent, or one that reports honestly that none is available.</summary>
    public ISpecialist Get(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (_byAgent.TryGetValue(agent.Name, out var own))
        {
            return own;
        }

        if (agent.Model is not null && _byKindWithModel.TryGetValue(agent.Kind, out var withModel))
        {
            return withModel;
        }

        return _byKind.TryGetValue(agent.Kind, out var specialist) ? specialist : UnavailableSpecialist.Instance;
    }
}

/// <summary>
/// Stands in for tool-calling and generation until their model providers exist: it never
/// fabricates an answer, it reports why the agent cannot answer locally so the request escalates
/// as specialist_failed.
/// </summary>
public sealed class UnavailableSpecialist : ISpecialist
{
    public static readonly UnavailableSpecialist Instance = new();

    public Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Agent;
        var what = agent.Kind switch
        {
            AgentKind.Tool => agent.Tools.Count == 0
                ? $"agent '{agent.Name}' is a tool agent but has no tools registered yet"
                : $"agent '{agent.Name}' needs tool calling, which this build does not provide yet",
            AgentKind.Generation => agent.Model is null
                ? $"agent '{agent.Name}' writes text and needs a generative model, but none is configured"
                : $"agent '{agent.Name}' needs the generative model '{agent.Model}', which this build cannot serve yet",
            _ => $"no specialist serves agent '{agent.Name}' of kind {agent.Kind}",
        };
        return Task.FromResult(SpecialistResult.Failed(what));
    }
}
