using Microsoft.Extensions.AI;

namespace Orchestrator.Tests.Guardian.Classifiers;

/// <summary>
/// A tiny deterministic sentence encoder for classifier tests: a unit-length histogram of letters
/// folded into 16 buckets. It reports a model id, so the classifier's encoder check applies, and it
/// records every text it was asked to encode.
/// </summary>
internal sealed class LetterHistogramEmbedder(string modelId = LetterHistogramEmbedder.ModelId) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "letter-histogram";
    public const int Dimensions = 16;

    private readonly EmbeddingGeneratorMetadata _metadata = new("test", null, modelId, Dimensions);
    private readonly List<string> _seen = [];

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            lock (_seen)
            {
                _seen.Add(text);
            }

            var vector = new float[Dimensions];
            foreach (var c in text.ToLowerInvariant().Where(char.IsLetter))
            {
                vector[c % Dimensions]++;
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            result.Add(new Embedding<float>(norm == 0 ? vector : vector.Select(v => v / norm).ToArray()));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
