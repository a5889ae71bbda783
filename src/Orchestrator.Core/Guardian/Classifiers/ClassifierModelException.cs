namespace Orchestrator.Guardian.Classifiers;

/// <summary>A classifier model file is missing or corrupt. Start-up stops with this; a rail is never silently disabled.</summary>
public sealed class ClassifierModelException : Exception
{
    public ClassifierModelException()
    {
    }

    public ClassifierModelException(string message)
        : base(message)
    {
    }

    public ClassifierModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClassifierModelException(string origin, string problem)
        : base($"guardian classifier model '{origin}': {problem}")
    {
        Origin = origin;
    }

    /// <summary>The file or embedded resource that failed to load.</summary>
    public string? Origin { get; }
}
