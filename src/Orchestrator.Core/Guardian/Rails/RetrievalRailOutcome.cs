namespace Orchestrator.Guardian.Rails;

/// <summary>The passages a model may see, those removed, and the checks behind it.</summary>
public sealed record RetrievalRailOutcome(IReadOnlyList<Passage> Kept, IReadOnlyList<QuarantinedPassageInfo> Quarantined, IReadOnlyList<GuardianCheckResult> Checks);
