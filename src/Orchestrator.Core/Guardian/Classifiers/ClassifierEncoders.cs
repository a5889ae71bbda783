using Orchestrator.Models;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// Which embedders a classifier head may read: the encoder it was trained on, and, explicitly,
/// the int8 quantization of all-MiniLM-L6-v2 for heads trained on the fp32 model. That one pair
/// is allowed by measurement, not by name: the shipped harm and injection heads scored on int8
/// vectors stay within a few tenths of a point of their fp32 figures (docs/benchmarks.md,
/// "int8 embedder"). Any other difference is refused.
/// </summary>
internal static class ClassifierEncoders
{
    /// <summary>Whether vectors from <paramref name="given"/> are valid input for a head trained on <paramref name="required"/>.</summary>
    public static bool Accepts(string required, string given) =>
        string.Equals(required, given, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(required, MiniLmEmbeddingGenerator.ModelId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(given, MiniLmEmbeddingGenerator.Int8ModelId, StringComparison.OrdinalIgnoreCase));
}
