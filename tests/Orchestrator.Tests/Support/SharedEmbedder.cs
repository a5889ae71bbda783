using Orchestrator.Models;

namespace Orchestrator.Tests.Support;

/// <summary>One real MiniLM embedder for the whole test run: loading it takes about a second.</summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Lazy = new(() => new MiniLmEmbeddingGenerator(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static MiniLmEmbeddingGenerator Instance => Lazy.Value;
}
