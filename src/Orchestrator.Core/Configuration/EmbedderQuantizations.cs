namespace Orchestrator.Configuration;

/// <summary>
/// Values of <c>quantization:</c> on an <c>embedded-minilm</c> model. Omitted means <see cref="Default"/>,
/// chosen by measurement (docs/benchmarks.md, "int8 embedder").
/// </summary>
public static class EmbedderQuantizations
{
    /// <summary>Weights quantized to int8 in memory at load: the same vectors to a cosine of about 0.99, for about half the time per sentence.</summary>
    public const string Int8 = "int8";

    /// <summary>The package's fp32 model as shipped.</summary>
    public const string None = "none";

    /// <summary>
    /// What an omitted <c>quantization:</c> means: int8, chosen after fp32 and int8 were measured side by side
    /// on routing, retrieval, the answer evaluation and the guardian heads (docs/benchmarks.md, "int8 as the default").
    /// </summary>
    public const string Default = Int8;

    public static readonly IReadOnlyList<string> All = [Int8, None];
}
