namespace Orchestrator.Retrieval.Storage;

/// <summary>The vector store cannot be used; the message names the file and what to do about it.</summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
