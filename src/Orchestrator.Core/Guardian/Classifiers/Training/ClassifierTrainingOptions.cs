namespace Orchestrator.Guardian.Classifiers.Training;

public sealed record ClassifierTrainingOptions
{
    /// <summary>"injection" or "harm": the model's task name.</summary>
    public required string Task { get; init; }

    /// <summary>
    /// Source families whose benign rows set the threshold (and rank the embedding-head settings), e.g.
    /// the safe prompts that look unsafe for harm; null or empty uses every benign row. The threshold
    /// is the stricter of the one for these rows and the one for every benign row.
    /// </summary>
    public IReadOnlyList<string>? CalibrationSources { get; init; }

    /// <summary>
    /// Each calibration family must hold <see cref="TargetFalsePositiveRate"/> on its own held-out rows (the
    /// strictest family's threshold), not only the calibration families pooled.
    /// </summary>
    public bool PerFamilyThreshold { get; init; }

    /// <summary>The benign false-positive rate the threshold is set for, on held-out sources.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.03;

    public int HashBits { get; init; } = 15;

    public int Epochs { get; init; } = 12;

    public double LearningRate { get; init; } = 0.2;

    public double L2 { get; init; } = 1e-5;

    public int Seed { get; init; } = 17;

    /// <summary>Skip the leave-one-source-out folds (tests on tiny data); the threshold is then 0.5.</summary>
    public bool CrossValidate { get; init; } = true;

    /// <summary>The document-instruction rule's floor written into the model (<see cref="ClassifierModel.DocumentInstructionFloor"/>); null trains without it.</summary>
    public double? DocumentInstructionFloor { get; init; }

    /// <summary>Weigh every source the same inside its class (1/n per row) instead of 1/√n, so no source dominates the head.</summary>
    public bool EqualSourceWeights { get; init; }

    /// <summary>
    /// Train the encoder's vectors as a separate <see cref="EmbeddingHead"/> blended with the n-gram and
    /// cue head, instead of in front of the cues in one joint head. Its L2, source weighting and blend
    /// are chosen from <see cref="EmbeddingL2Grid"/> × (1/√n, equal) × <see cref="BlendGrid"/> by the
    /// leave-one-source-out recall around the target false-positive rate, then AUC. Needs an encoder.
    /// </summary>
    public bool EmbeddingHead { get; init; }

    /// <summary>
    /// Train a <see cref="Classifiers.CueHead"/> over the structure and technique cues, blended with the
    /// n-gram head, with the same grid and choice rule as <see cref="EmbeddingHead"/> (whose L2, weighting
    /// and blend grids it uses). Needs no encoder; not together with <see cref="EmbeddingHead"/>.
    /// </summary>
    public bool CueHead { get; init; }

    /// <summary>L2 strengths tried for the embedding head (per row, on the weighted mean loss).</summary>
    public IReadOnlyList<double> EmbeddingL2Grid { get; init; } = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

    /// <summary>Shares of the embedding head in the combined margin that are tried.</summary>
    public IReadOnlyList<double> BlendGrid { get; init; } = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>The encoder's name, or "none" to train on n-grams and cues alone.</summary>
    public string Encoder { get; init; } = "all-MiniLM-L6-v2";

    /// <summary>
    /// What the encoder reads for the embedding head: the head window (default) or the whole text (recorded in
    /// the model as <see cref="EmbeddingHead.Input"/>); the pooled windows are for experiments only.
    /// </summary>
    internal EncoderPooling Pooling { get; init; } = EncoderPooling.Head;

    /// <summary>The embedding head reads the whole normalised text instead of its first 256 characters (<see cref="EmbeddingHead.WholeTextInput"/>).</summary>
    public bool WholeTextEncoderInput
    {
        get => Pooling == EncoderPooling.Whole;
        init => Pooling = value ? EncoderPooling.Whole : EncoderPooling.Head;
    }

    /// <summary>
    /// Experiments only: set the threshold as the median, over the benign source families, of each family's
    /// own held-out threshold for the target rate, instead of one threshold over all benign rows pooled (where
    /// the family with the most look-alike prompts decides alone).
    /// </summary>
    internal bool FamilyMedianThreshold { get; init; }

    /// <summary>
    /// Experiments only: structure cues (indices into <see cref="StructureCues"/>) zeroed before training, so the
    /// head cannot use them (e.g. the format cues length, line count, document shape and '?', which tell the
    /// training sources apart more than attacks from requests). A zeroed cue keeps weight 0 in the model.
    /// </summary>
    internal IReadOnlyList<int>? DroppedCues { get; init; }

    /// <summary>
    /// Experiments only: an n-gram bucket gets a weight only when the training rows of at least this many source
    /// families hold it (1: every bucket). Counted on each fold's own training rows.
    /// </summary>
    internal int MinNgramFamilies { get; init; } = 1;

    public bool UsesEncoder => !string.Equals(Encoder, "none", StringComparison.Ordinal);
}
