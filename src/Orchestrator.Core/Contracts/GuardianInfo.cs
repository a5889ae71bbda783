using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record GuardianInfo
{
    public bool Passed { get; init; }

    public IReadOnlyList<GuardianCheckInfo> Checks { get; init; } = [];

    /// <summary>Passages the retrieval rail removed before any model saw them (additive to the contract).</summary>
    public IReadOnlyList<QuarantinedPassageInfo> Quarantined { get; init; } = [];
}
