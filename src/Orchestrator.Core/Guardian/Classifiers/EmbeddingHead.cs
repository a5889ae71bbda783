namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// A second logistic head, over the sentence encoder's vector alone, kept apart from the n-gram and
/// cue head so the sparse n-grams (which can memorise a source's wording) cannot drown it out in
/// training. The model's margin is <c>(1 − Blend) × n-gram margin + Blend × this head's margin</c>;
/// the regularisation, source weighting and blend were chosen by leave-one-source-out cross-validation.
/// </summary>
public sealed record EmbeddingHead
{
    /// <summary>The sentence encoder whose vectors the head was trained on, e.g. all-MiniLM-L6-v2.</summary>
    public required string Encoder { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>The head's bias (the training-time centring of the vectors is folded in).</summary>
    public required double Bias { get; init; }

    public required float[] Weights { get; init; }

    /// <summary>This head's share of the combined margin, between 0 and 1.</summary>
    public required double Blend { get; init; }

    /// <summary>
    /// What of the normalised text the encoder read at training time, and so reads wherever the check runs:
    /// <see cref="HeadWindowInput"/> (the first 256 characters; also what null, in older files, means) or
    /// <see cref="WholeTextInput"/> (the whole text, as routing embeds a question).
    /// </summary>
    public string? Input { get; init; }

    /// <summary><see cref="Input"/> value: the first <see cref="ClassifierFeatures.EncoderWindowChars"/> characters.</summary>
    public const string HeadWindowInput = "head_window";

    /// <summary><see cref="Input"/> value: the whole normalised text as one encoder input.</summary>
    public const string WholeTextInput = "whole_text";

    /// <summary>The encoder pooling <see cref="Input"/> names.</summary>
    internal EncoderPooling Pooling => Input == WholeTextInput ? EncoderPooling.Whole : EncoderPooling.Head;

    /// <summary>The head's margin for an encoder vector of <see cref="Dimensions"/> values.</summary>
    public double Margin(ReadOnlySpan<float> vector) => Bias + System.Numerics.Tensors.TensorPrimitives.Dot(Weights, vector);

    /// <summary>What is wrong with the head, or null.</summary>
    internal string? Problem() =>
        string.IsNullOrWhiteSpace(Encoder) ? "embedding_head.encoder is missing"
        : Dimensions is < 1 or > 8192 ? $"embedding_head.dimensions {Dimensions} is out of range 1..8192"
        : Weights is null || Weights.Length != Dimensions ? $"embedding_head.weights has {Weights?.Length ?? 0} values; expected {Dimensions}"
        : Input is not (null or HeadWindowInput or WholeTextInput) ? $"embedding_head.input '{Input}' is not {HeadWindowInput} or {WholeTextInput}"
        : Blend is < 0 or > 1 || double.IsNaN(Blend) ? $"embedding_head.blend {Blend} is not between 0 and 1"
        : !double.IsFinite(Bias) || Weights.Any(w => !float.IsFinite(w)) ? "embedding_head weights contain NaN or infinity"
        : null;
}
