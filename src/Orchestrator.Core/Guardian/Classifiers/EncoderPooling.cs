namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Which parts of a text the sentence encoder reads for the embedding head. Shipped models read the
/// head only; the pooled variants exist for the training experiments on long documents, where an
/// indirect injection can sit past the first window (docs/benchmarks.md, "Guardian classifiers: a second
/// encoder and pooled windows").
/// </summary>
internal enum EncoderPooling
{
    /// <summary>The first <see cref="ClassifierFeatures.EncoderWindowChars"/> characters.</summary>
    Head,

    /// <summary>The mean of the vectors of consecutive windows over the whole inspected text.</summary>
    Mean,

    /// <summary>The mean and the element-wise maximum of those vectors, side by side (twice the dimensions).</summary>
    MeanMax,
}
