
namespace Orchestrator;

/// <summary>
/// One named guardian check. Rule-based today; a model-backed check (e.g. an NLI or toxicity model)
/// only has to implement this to be selectable by name from an agent's configuration.
/// </summary>
public interface IGuardianCheck
{
    /// <summary>The name agents list in their configuration, e.g. "groundedness".</summary>
    string Name { get; }

    Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default);
}
