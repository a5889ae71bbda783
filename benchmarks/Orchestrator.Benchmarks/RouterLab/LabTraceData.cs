using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// A recorded fit (<see cref="LabTrace"/>): the kept training rows with folds and out-of-fold
/// logits, held-out-route evidence (possibly none), and per test row the logits of every fold
/// head then the final head (last), for the corrected and for the raw text, and the heads themselves.
/// </summary>
internal sealed record LabTraceData(
    int Routes,
    int Classes,
    int Folds,
    bool HasGivenNegatives,
    string[] Texts,
    int[] Labels,
    bool[] IsBackground,
    int[] Fold,
    float[][] OutOfFoldLogits,
    RouteEvidence[] HeldOut,
    float[][][] CorrectedTestLogits,
    float[][][] RawTestLogits)
{
    /// <summary>The fold heads, then the final head (last).</summary>
    public IReadOnlyList<SoftmaxHead> Heads { get; init; } = [];
}
