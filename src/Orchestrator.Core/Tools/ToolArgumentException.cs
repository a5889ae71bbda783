namespace Orchestrator.Tools;

/// <summary>A tool rejected its arguments on a domain rule; the message is safe to show the caller or model.</summary>
public sealed class ToolArgumentException : Exception
{
    public ToolArgumentException()
    {
    }

    public ToolArgumentException(string message)
        : base(message)
    {
    }

    public ToolArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
