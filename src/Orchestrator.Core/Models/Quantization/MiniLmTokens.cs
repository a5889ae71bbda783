namespace Orchestrator.Models.Quantization;

/// <summary>
/// A batch of texts as <see cref="MiniLmTokenizer"/> encodes them: ids, type ids and attention mask,
/// each <c>texts x <see cref="Length"/></c> values laid out text after text and padded with zeros.
/// </summary>
internal readonly record struct MiniLmTokens(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask, int Length)
{
    /// <summary>The attention mask of text <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> MaskOf(int index) => AttentionMask.AsSpan(index * Length, Length);
}
