
namespace Orchestrator;

/// <summary>
/// What the router decided. <see cref="Route"/> is the best in-scope route even when the request is
/// rejected, so callers can show what the router would have picked.
/// </summary>
public sealed record RouteDecision
{
    public required string? Route { get; init; }

    /// <summary>Calibrated probability that <see cref="Route"/> is right, in [0, 1].</summary>
    public required double Confidence { get; init; }

    /// <summary>Best routes first, scores are calibrated probabilities.</summary>
    public required IReadOnlyList<RouteCandidate> Candidates { get; init; }

    public required bool OutOfScope { get; init; }

    /// <summary>In scope but below the calibrated confidence threshold.</summary>
    public bool LowConfidence { get; init; }

    /// <summary>
    /// Which router decided, e.g. "slm" or "semantic-fallback: timeout"; null for the semantic router
    /// alone. Diagnostic only: not part of the JSON response contract.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>
    /// The request as the router read it after spelling correction ("how many vacation days"
    /// for "how mnay vacaton days"); null when nothing was corrected.
    /// </summary>
    public string? CorrectedText { get; init; }

    /// <summary>Set when the request must be escalated: out_of_scope or low_confidence.</summary>
    public EscalationReason? EscalationReason =>
        OutOfScope ? global::Orchestrator.EscalationReason.OutOfScope
        : LowConfidence ? global::Orchestrator.EscalationReason.LowConfidence
        : null;
}
