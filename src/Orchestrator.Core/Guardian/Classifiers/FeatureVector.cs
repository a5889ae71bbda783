namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// One text's features: dense (for older joint models the encoder vector, then structure cues),
/// hashed sparse n-grams, and the encoder vector on its own for an <see cref="EmbeddingHead"/>.
/// </summary>
internal sealed record FeatureVector(float[] Dense, int[] SparseIndex, float[] SparseValue, float[]? Embedding = null);
