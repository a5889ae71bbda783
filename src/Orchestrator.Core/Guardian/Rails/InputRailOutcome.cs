namespace Orchestrator.Guardian.Rails;

/// <summary>What the input rail decided: the question to go on with (PII redacted when so configured), the checks, and the strongest action taken.</summary>
public sealed record InputRailOutcome(string Question, IReadOnlyList<GuardianCheckResult> Checks, string? Action);
