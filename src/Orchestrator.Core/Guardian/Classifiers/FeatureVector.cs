namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// One text's features: dense (for older joint models the encoder vector, then structure cues),
/// hashed sparse n-grams, the encoder vector on its own for an <see cref="EmbeddingHead"/>, and the
/// structure cues followed by the technique cues for a <see cref="CueHead"/>.
/// </summary>
internal sealed record FeatureVector(float[] Dense, int[] SparseIndex, float[] SparseValue, float[]? Embedding = null, float[]? HeadCues = null);
