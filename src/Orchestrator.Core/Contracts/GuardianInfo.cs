using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record GuardianInfo
{
    /// <summary>The status when the guardian was never asked: out of scope without a cloud answer, or the specialist failed.</summary>
    public const string StatusNotRun = "not_run";

    /// <summary>The status when every check that ran passed.</summary>
    public const string StatusPassed = "passed";

    /// <summary>The status when at least one check failed.</summary>
    public const string StatusFailed = "failed";

    /// <summary>True only when checks ran and all of them passed; false both for a rejection and when nothing was checked (see <see cref="Status"/>).</summary>
    public bool Passed { get; init; }

    /// <summary><c>passed</c>, <c>failed</c> or <c>not_run</c>: tells "rejected" apart from "never checked" (additive to the contract).</summary>
    public string Status { get; init; } = StatusNotRun;

    public IReadOnlyList<GuardianCheckInfo> Checks { get; init; } = [];

    /// <summary>Passages the retrieval rail removed before any model saw them (additive to the contract).</summary>
    public IReadOnlyList<QuarantinedPassageInfo> Quarantined { get; init; } = [];
}
