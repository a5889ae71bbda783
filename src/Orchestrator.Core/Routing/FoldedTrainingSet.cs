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

    /// <summary>
    /// The character n-gram part of each row's <see cref="OutOfFoldLogits"/> (the rest is the
    /// embedding part with the bias), so the calibration can reweight it (<see cref="NgramBlend"/>);
    /// null when the head reads no n-grams or the parts were not kept.
    /// </summary>
    public float[][]? OutOfFoldNgramLogits { get; init; }

    public bool HasNegatives => Array.Exists(Labels, l => l == Routes);
}
