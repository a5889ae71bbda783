namespace Orchestrator.Guardian.Classifiers;

/// <summary>One text's features: dense (encoder vector, then structure cues) and hashed sparse n-grams.</summary>
internal sealed record FeatureVector(float[] Dense, int[] SparseIndex, float[] SparseValue);
