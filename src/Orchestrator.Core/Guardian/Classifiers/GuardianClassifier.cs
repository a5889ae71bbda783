using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// An embedded classifier (prompt injection / jailbreak, or harmful content): no generative model,
/// CPU only. The text is normalised (<see cref="GuardianTextNormalizer"/>), encoded by the sentence
/// encoder the model was trained with, and scored by the model's logistic head(s) against its
/// calibrated threshold. Thread-safe. Give it the pipeline's request-scoped embedder: the encoder
/// input of a short question (or, for a whole-text model, of any question) is the question itself, so
/// routing and the classifier share one vector; the encoder input never depends on what is memoised.
/// </summary>
public sealed class GuardianClassifier
{
    private readonly ClassifierModel _model;
    private readonly ClassifierFeatures _features;

    /// <param name="model">The trained model.</param>
    /// <param name="embedder">The encoder the model was trained on; may be null only when the model uses none (<see cref="ClassifierModel.RequiredEncoder"/> null).</param>
    /// <param name="maxChars">Inspected length cap.</param>
    public GuardianClassifier(ClassifierModel model, IEmbeddingGenerator<string, Embedding<float>>? embedder, int maxChars = GuardianTextNormalizer.DefaultMaxChars)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        var encoder = model.RequiredEncoder;
        if (encoder is not null && embedder is null)
        {
            throw new ArgumentException($"The {model.Task} model needs its sentence encoder ({encoder}).", nameof(embedder));
        }

        if (encoder is not null && EncoderOf(embedder!) is { } given && !ClassifierEncoders.Accepts(encoder, given))
        {
            throw new ArgumentException($"The {model.Task} model was trained on {encoder} vectors, but the embedder given is {given}.", nameof(embedder));
        }

        _features = new ClassifierFeatures(encoder is null ? null : embedder, model.HashBits, maxChars, separateEmbedding: model.EmbeddingHead is not null, pooling: model.EmbeddingHead?.Pooling ?? EncoderPooling.Head, cueHead: model.CueHead is not null, documentCues: model.DocumentInstructionFloor is not null);
    }

    public string Task => _model.Task;

    public double Threshold => _model.Threshold;

    public ClassifierModel Model => _model;

    /// <summary>The model id the embedder reports (<see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>), or null when it reports none.</summary>
    public static string? EncoderOf(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        embedder?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;

    public async Task<ClassifierVerdict> ClassifyAsync(string text, CancellationToken cancellationToken = default)
    {
        var (features, inspected) = await _features.ExtractAsync(text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (features.Dense.Length != _model.DenseWeights.Length || (_model.EmbeddingHead is { } head && features.Embedding?.Length != head.Dimensions))
        {
            throw new InvalidOperationException(
                $"The encoder gives {features.Embedding?.Length ?? features.Dense.Length - StructureCues.Count} dimensions but the {_model.Task} model expects {_model.EmbeddingHead?.Dimensions ?? _model.EncoderDimensions} ({_model.RequiredEncoder}).");
        }

        return new ClassifierVerdict(_model.Task, LogisticHead.Probability(_model, features), _model.Threshold, inspected.Truncated, inspected.HiddenCharacters, inspected.DecodedRuns);
    }
}
