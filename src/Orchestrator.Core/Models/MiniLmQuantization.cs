namespace Orchestrator.Models;

/// <summary>
/// How the embedded all-MiniLM-L6-v2 runs. <see cref="Int8"/> quantizes its MatMul weights to int8 in
/// memory at load (a few hundred ms, no file) and reports the model id
/// <see cref="MiniLmEmbeddingGenerator.Int8ModelId"/>, so caches and stores keyed on the model id
/// keep the two apart. Figures: docs/benchmarks.md, "int8 embedder".
/// </summary>
public enum MiniLmQuantization
{
    /// <summary>The package's fp32 model as shipped (model id <see cref="MiniLmEmbeddingGenerator.ModelId"/>).</summary>
    None = 0,

    /// <summary>Dynamic int8 weight quantization (model id <see cref="MiniLmEmbeddingGenerator.Int8ModelId"/>).</summary>
    Int8 = 1,
}
