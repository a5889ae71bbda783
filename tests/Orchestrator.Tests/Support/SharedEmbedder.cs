using Orchestrator.Models;

namespace Orchestrator.Tests.Support;

/// <summary>One real MiniLM embedder of each kind for the whole test run: loading one takes about a second.</summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Lazy = new(() => new MiniLmEmbeddingGenerator(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<MiniLmEmbeddingGenerator> LazyInt8 = new(() => new MiniLmEmbeddingGenerator(32, null, null, MiniLmQuantization.Int8), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The fp32 model as the package ships it.</summary>
    public static MiniLmEmbeddingGenerator Instance => Lazy.Value;

    /// <summary>The int8-quantized model.</summary>
    public static MiniLmEmbeddingGenerator Int8 => LazyInt8.Value;
}
