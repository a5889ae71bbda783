namespace Orchestrator.Cli.Evaluation;

/// <summary>A dataset file exists but its content is not what its format requires.</summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string message)
        : base(message)
    {
    }

    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatasetFormatException()
    {
    }

    public static DatasetFormatException At(string path, string where, string problem, Exception? inner = null)
    {
        var message = $"{path}: {where}: {problem}";
        return inner is null ? new DatasetFormatException(message) : new DatasetFormatException(message, inner);
    }
}
