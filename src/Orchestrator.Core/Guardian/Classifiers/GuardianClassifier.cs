using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Normalization;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// An embedded classifier (prompt injection / jailbreak, or harmful content): no generative model,
/// CPU only. The text is normalised (<see cref="GuardianTextNormalizer"/>), encoded by the sentence
/// encoder the model was trained with, and scored by the model's logistic head against its
/// calibrated threshold. Thread-safe.
/// </summary>
public sealed class GuardianClassifier
{
    private readonly ClassifierModel _model;
    private readonly ClassifierFeatures _features;

    /// <param name="model">The trained model.</param>
    /// <param name="embedder">The encoder the model was trained on; may be null only when the model uses none (<see cref="ClassifierModel.EncoderDimensions"/> 0).</param>
    /// <param name="maxChars">Inspected length cap.</param>
    public GuardianClassifier(ClassifierModel model, IEmbeddingGenerator<string, Embedding<float>>? embedder, int maxChars = GuardianTextNormalizer.DefaultMaxChars)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        if (model.EncoderDimensions > 0 && embedder is null)
        {
            throw new ArgumentException($"The {model.Task} model needs its sentence encoder ({model.Encoder}).", nameof(embedder));
        }

        _features = new ClassifierFeatures(model.EncoderDimensions > 0 ? embedder : null, model.HashBits, maxChars);
    }

    public string Task => _model.Task;

    public double Threshold => _model.Threshold;

    public ClassifierModel Model => _model;

    public async Task<ClassifierVerdict> ClassifyAsync(string text, CancellationToken cancellationToken = default)
    {
        var (features, inspected) = await _features.ExtractAsync(text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (features.Dense.Length != _model.DenseWeights.Length)
        {
            throw new InvalidOperationException(
                $"The encoder gives {features.Dense.Length - StructureCues.Count} dimensions but the {_model.Task} model expects {_model.EncoderDimensions} ({_model.Encoder}).");
        }

        return new ClassifierVerdict(_model.Task, LogisticHead.Probability(_model, features), _model.Threshold, inspected.Truncated, inspected.HiddenCharacters, inspected.DecodedRuns);
    }
}
