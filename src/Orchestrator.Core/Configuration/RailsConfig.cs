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
}
