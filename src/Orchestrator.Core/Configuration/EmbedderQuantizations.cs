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

    /// <summary>What an omitted <c>quantization:</c> means: fp32 until int8 is measured on retrieval and the sample questions (docs/benchmarks.md, "int8 embedder").</summary>
    public const string Default = None;

    public static readonly IReadOnlyList<string> All = [Int8, None];
}
