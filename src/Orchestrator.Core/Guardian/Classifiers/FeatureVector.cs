namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// One text's features: dense (for older joint models the encoder vector, then structure cues),
/// hashed sparse n-grams, the encoder vector on its own for an <see cref="EmbeddingHead"/>, and the
/// structure cues followed by the technique cues for a <see cref="CueHead"/>. <paramref name="DocumentTask"/>:
/// a document-like text in which the passage cues (<see cref="Rails.PassageCues"/>) find words about the
/// assistant's answer or a task set for it, which the document-instruction rule also lifts.
/// <paramref name="InstructionOverride"/>: an explicit override of earlier instructions
/// (<see cref="InstructionOverrides"/>), which that rule lifts too.
/// </summary>
internal sealed record FeatureVector(float[] Dense, int[] SparseIndex, float[] SparseValue, float[]? Embedding = null, float[]? HeadCues = null, bool DocumentTask = false, bool InstructionOverride = false);
