namespace Orchestrator.Routing;

/// <summary>
/// A router's training rows after the background filter, with their cross-validation folds and
/// the out-of-fold logits of the fold heads: everything the calibration needs besides options.
/// <see cref="Folds"/> is 0 when there were too few examples to cross-validate.
/// </summary>
internal sealed record FoldedTrainingSet(
    float[][] Vectors,
    SparseFeatures[]? Ngrams,
    int[] Labels,
    bool[] IsBackground,
    int Routes,
    int Classes,
    bool HasGivenNegatives,
    int Folds,
    int[] Fold,
    float[][] OutOfFoldLogits)
{
    public bool CrossValidated => Folds >= 2;

    public bool HasNegatives => Array.Exists(Labels, l => l == Routes);
}
