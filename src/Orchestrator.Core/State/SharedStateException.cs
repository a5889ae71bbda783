namespace Orchestrator.State;

/// <summary>The shared state store is misconfigured (e.g. its connection variable is unset); the message says how to fix it.</summary>
public sealed class SharedStateException : Exception
{
    public SharedStateException()
    {
    }

    public SharedStateException(string message)
        : base(message)
    {
    }

    public SharedStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
