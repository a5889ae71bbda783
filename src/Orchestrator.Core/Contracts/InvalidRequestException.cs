namespace Orchestrator;

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
