namespace Orchestrator.Configuration;

/// <summary>
/// The guardian's rails (<c>guardian.rails</c> in orchestrator.yaml): for each point — the question
/// (<see cref="Input"/>), the retrieved passages (<see cref="Retrieval"/>) and the answer, local or
/// cloud (<see cref="Output"/>) — which checks run and what each does when it fires.
/// Empty by default: without rails the pipeline behaves as before.
/// </summary>
public sealed class RailsConfig
{
    /// <summary>Check name → action for the question: injection, harm, pii → block | escalate | redact (pii only) | flag.</summary>
    public IReadOnlyDictionary<string, string> Input { get; init; } = new Dictionary<string, string>();

    /// <summary>Check name → action for each retrieved passage: injection → drop | quarantine | flag.</summary>
    public IReadOnlyDictionary<string, string> Retrieval { get; init; } = new Dictionary<string, string>();

    /// <summary>Check name (any guardian check, e.g. harm, pii, groundedness) → block | escalate | redact | flag.</summary>
    public IReadOnlyDictionary<string, string> Output { get; init; } = new Dictionary<string, string>();

    public bool IsEmpty => Input.Count == 0 && Retrieval.Count == 0 && Output.Count == 0;

    /// <summary>
    /// These (global) rails combined with an agent's: at each point the agent's checks are added, and
    /// where both name a check the stronger action applies (<see cref="RailActions.Strength"/>; on a
    /// tie, such as drop and quarantine, the agent's). An agent can tighten the global rails, never loosen them.
    /// </summary>
    public RailsConfig MergedWith(RailsConfig agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.IsEmpty ? this : new RailsConfig
        {
            Input = Merge(Input, agent.Input),
            Retrieval = Merge(Retrieval, agent.Retrieval),
            Output = Merge(Output, agent.Output),
        };
    }

    /// <summary>
    /// The input checks of <paramref name="agent"/> that these (global) rails do not already run as
    /// strongly: the checks that must run again once the question is routed to that agent.
    /// </summary>
    public IReadOnlyDictionary<string, string> InputTightenedBy(RailsConfig agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.Input
            .Where(kv => !Input.TryGetValue(kv.Key, out var global) || Stronger(kv.Value, global))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, string> agent)
    {
        var merged = new Dictionary<string, string>(global, StringComparer.Ordinal);
        foreach (var (check, action) in agent)
        {
            if (!merged.TryGetValue(check, out var current) || RailActions.Strength(action) >= RailActions.Strength(current))
            {
                merged[check] = action;
            }
        }

        return merged;
    }

    private static bool Stronger(string action, string than) =>
        RailActions.Strength(action) > RailActions.Strength(than) || (RailActions.Strength(action) == RailActions.Strength(than) && action != than);
}
