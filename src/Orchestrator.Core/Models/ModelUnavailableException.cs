namespace Orchestrator.Models;

/// <summary>
/// A configured model cannot be used: a key or header variable is missing, or the provider is not
/// available in this build. Messages name variables, never their values.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException()
    {
    }

    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelUnavailableException(string message, bool isUnconfigured)
        : base(message)
    {
        IsUnconfigured = isUnconfigured;
    }

    /// <summary>True when the fix is configuration (set an environment variable), not a retry.</summary>
    public bool IsUnconfigured { get; }
}
