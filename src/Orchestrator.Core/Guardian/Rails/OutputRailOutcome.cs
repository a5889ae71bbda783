namespace Orchestrator.Guardian.Rails;

/// <summary>The answer as it may be shown (redactions applied), the checks, and the strongest action taken (block or escalate withhold it).</summary>
public sealed record OutputRailOutcome(string Answer, IReadOnlyList<GuardianCheckResult> Checks, string? Action)
{
    public bool Withheld => Action is Configuration.RailActions.Block or Configuration.RailActions.Escalate;
}
