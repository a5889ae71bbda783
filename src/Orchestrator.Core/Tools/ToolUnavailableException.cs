namespace Orchestrator.Tools;

/// <summary>
/// A tool could not run for a reason outside the arguments (its server is down or too slow, or it
/// answered nonsense). The message names the cause and is safe to show; the call is a failed tool
/// call, not a rejected one.
/// </summary>
public sealed class ToolUnavailableException : Exception
{
    public ToolUnavailableException()
    {
    }

    public ToolUnavailableException(string message)
        : base(message)
    {
    }

    public ToolUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
