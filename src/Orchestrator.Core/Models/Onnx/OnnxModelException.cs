namespace Orchestrator.Models.Onnx;

/// <summary>An ONNX GenAI model folder could not be loaded; the message names the folder and the fix.</summary>
public sealed class OnnxModelException : Exception
{
    public OnnxModelException(string modelFolder, string message, Exception? innerException = null)
        : base($"ONNX model at '{modelFolder}': {message}", innerException)
    {
        ModelFolder = modelFolder;
    }

    public string ModelFolder { get; }
}

/// <summary>The model's concurrency cap was held for longer than the queue timeout, or the queue was full.</summary>
public sealed class OnnxModelBusyException : Exception
{
    public OnnxModelBusyException(string modelFolder, string message)
        : base($"ONNX model at '{modelFolder}' is busy: {message}")
    {
        ModelFolder = modelFolder;
    }

    public string ModelFolder { get; }
}
