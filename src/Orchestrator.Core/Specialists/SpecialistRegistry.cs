using Orchestrator.Agents;

namespace Orchestrator.Specialists;

/// <summary>Maps each agent kind to the specialist that serves it.</summary>
public sealed class SpecialistRegistry
{
    private readonly Dictionary<AgentKind, ISpecialist> _byKind = [];

    public SpecialistRegistry Add(AgentKind kind, ISpecialist specialist)
    {
        _byKind[kind] = specialist ?? throw new ArgumentNullException(nameof(specialist));
        return this;
    }

    /// <summary>The specialist for the agent's kind, or one that reports honestly that none is available.</summary>
    public ISpecialist Get(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
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
