namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Which parts of a text the sentence encoder reads for the embedding head: the head window or the whole
/// text (<see cref="EmbeddingHead.Input"/> records which one a model was trained on, and the classifier
/// reads the same one wherever it runs); the pooled variants exist for the training experiments on long
/// documents, where an indirect injection can sit past the first window (docs/benchmarks.md, "Guardian
/// classifiers: a second encoder and pooled windows").
/// </summary>
internal enum EncoderPooling
{
    /// <summary>The first <see cref="ClassifierFeatures.EncoderWindowChars"/> characters.</summary>
    Head,

    /// <summary>
    /// The whole inspected text as one encoder input (the encoder truncates it at its own limit): the vector
    /// routing makes of a question, so inside a request the request-scoped memo serves it and the check
    /// makes no encoder call of its own.
    /// </summary>
    Whole,

    /// <summary>The mean of the vectors of consecutive windows over the whole inspected text.</summary>
    Mean,

    /// <summary>The mean and the element-wise maximum of those vectors, side by side (twice the dimensions).</summary>
    MeanMax,
}
