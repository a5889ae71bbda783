namespace Orchestrator.Pipeline;

/// <summary>One request to the pipeline.</summary>
/// <param name="Text">The user's latest message.</param>
/// <param name="Agent">Optional agent name that skips the router (CLI <c>--agent</c>, HTTP <c>model</c>).</param>
public sealed record OrchestratorRequest(string Text, string? Agent = null);

/// <summary>Bad input from the caller: empty text, text over the limit, an unknown agent. Maps to exit code 2 / HTTP 400.</summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException()
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
