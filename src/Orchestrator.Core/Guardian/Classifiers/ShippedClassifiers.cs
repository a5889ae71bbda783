using System.Reflection;
using Microsoft.Extensions.AI;
using Orchestrator.Models;

namespace Orchestrator.Guardian.Classifiers;

/// <summary>
/// The classifier models that ship inside Orchestrator.Core (embedded resources, trained by
/// <c>orchestrator guardian train</c> from the data in ../shared/datasets). They are read at start-up;
/// a missing or corrupt one throws <see cref="ClassifierModelException"/> naming it.
/// </summary>
public static class ShippedClassifiers
{
    public const string Injection = "injection";
    public const string Harm = "harm";

    public static IReadOnlyList<string> Tasks { get; } = [Injection, Harm];

    /// <summary>The resource name of a task's model, e.g. Orchestrator.Guardian.Classifiers.injection.model.json.</summary>
    public static string ResourceName(string task) => $"Orchestrator.Guardian.Classifiers.{task}.model.json";

    public static ClassifierModel Load(string task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var name = ResourceName(task);
        using var stream = typeof(ShippedClassifiers).Assembly.GetManifestResourceStream(name)
            ?? throw new ClassifierModelException(name, $"the embedded model for task '{task}' is missing from {typeof(ShippedClassifiers).Assembly.GetName().Name}; expected one of: {string.Join(", ", Tasks)}");
        using var reader = new StreamReader(stream);
        var model = ClassifierModel.Parse(reader.ReadToEnd(), name);
        return model.Task == task ? model : throw new ClassifierModelException(name, $"holds a '{model.Task}' model, not '{task}'");
    }

    /// <summary>
    /// The encoder for the shipped classifiers: <paramref name="embedder"/> itself when its vectors
    /// suit them (MiniLM as trained, or its int8 quantization, see <see cref="ClassifierEncoders"/>; the
    /// pipeline then embeds a question once for routing and the input rail), otherwise a served MiniLM
    /// of their own, returned in <paramref name="owned"/> for the caller to dispose.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> EncoderFor(IEmbeddingGenerator<string, Embedding<float>> embedder, out IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var given = GuardianClassifier.EncoderOf(embedder);
        if (given is null || ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.ModelId, given))
        {
            owned = null;
            return embedder;
        }

        var own = ModelFactory.CreateServingEmbedder(new MiniLmEmbeddingGenerator(batchSize: 32, maxConcurrentBatches: null, intraOpThreads: 1));
        owned = own;
        return own;
    }

    internal static Assembly Assembly => typeof(ShippedClassifiers).Assembly;
}
