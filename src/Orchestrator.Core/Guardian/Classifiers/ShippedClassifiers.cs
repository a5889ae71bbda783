using System.Reflection;

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

    internal static Assembly Assembly => typeof(ShippedClassifiers).Assembly;
}
