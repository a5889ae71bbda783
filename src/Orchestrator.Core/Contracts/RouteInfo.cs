using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record RouteInfo
{
    public string? Agent { get; init; }

    public string? Kind { get; init; }

    public double Confidence { get; init; }

    public bool OutOfScope { get; init; }

    public IReadOnlyList<CandidateInfo> Candidates { get; init; } = [];

    /// <summary>The request as the router read it after spelling correction; null when nothing was corrected (additive to the contract).</summary>
    public string? CorrectedText { get; init; }
}
