namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// A small logistic head over the technique-describing structure cues and the technique cues alone
/// (<see cref="StructureCues"/> but length, lines, document shape and question mark, then <see cref="TechniqueCues"/>), kept apart from the n-gram head: a held-out source's attacks share
/// their technique with the training sources more often than their wording, and the sparse n-grams would
/// otherwise take the cues' weight in training. The model's margin is
/// <c>(1 − Blend) × n-gram margin + Blend × this head's margin</c>; the head's L2, source weighting and
/// blend were chosen by leave-one-source-out cross-validation. Needs no encoder.
/// </summary>
public sealed record CueHead
{
    /// <summary>
    /// The structure cues that describe a format or a style rather than a technique: the text's length,
    /// its line count, whether it looks like a document, and a question mark. The cue head leaves them out:
    /// they tell the training sources apart (every training jailbreak is long) more than attacks from requests.
    /// </summary>
    private static readonly int[] FormatCues = [0, 1, 2, 13];

    /// <summary>How many cues the head reads: this version's technique-describing structure cues, then its technique cues.</summary>
    public static int InputCount => StructureCues.Count - FormatCues.Length + TechniqueCues.Count;

    /// <summary>The structure cues the head reads, in order (all but <see cref="FormatCues"/>).</summary>
    internal static float[] TechniqueStructureCues(float[] structureCues) =>
        [.. structureCues.Where((_, i) => Array.IndexOf(FormatCues, i) < 0)];

    /// <summary>The head's bias (the training-time centring of the cues is folded in).</summary>
    public required double Bias { get; init; }

    public required float[] Weights { get; init; }

    /// <summary>This head's share of the combined margin, between 0 and 1.</summary>
    public required double Blend { get; init; }

    /// <summary>The head's margin for a cue vector of <see cref="InputCount"/> values.</summary>
    public double Margin(ReadOnlySpan<float> cues) => Bias + System.Numerics.Tensors.TensorPrimitives.Dot(Weights, cues);

    /// <summary>What is wrong with the head, or null.</summary>
    internal string? Problem() =>
        Weights is null || Weights.Length != InputCount ? $"cue_head.weights has {Weights?.Length ?? 0} values; expected {InputCount} (this version's cues); retrain the model"
        : Blend is <= 0 or > 1 || double.IsNaN(Blend) ? $"cue_head.blend {Blend} is not in (0, 1]"
        : !double.IsFinite(Bias) || Weights.Any(w => !float.IsFinite(w)) ? "cue_head weights contain NaN or infinity"
        : null;
}
