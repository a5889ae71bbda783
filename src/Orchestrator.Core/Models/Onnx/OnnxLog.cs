using Microsoft.Extensions.Logging;

namespace Orchestrator.Models.Onnx;

internal static partial class OnnxLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Loaded ONNX GenAI model {Folder} (type {ModelType}) in {ElapsedMs} ms")]
    public static partial void ModelLoaded(ILogger logger, string folder, string modelType, long elapsedMs);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Chat template of {Folder} could not be applied; using the {Family} fallback format")]
    public static partial void ChatTemplateFailed(ILogger logger, Exception exception, string folder, string family);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "ONNX generation finished: {InputTokens} prompt tokens, {OutputTokens} generated, reason {Reason}")]
    public static partial void GenerationFinished(ILogger logger, int inputTokens, int outputTokens, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "ONNX model {Folder} busy: request rejected ({Why})")]
    public static partial void Busy(ILogger logger, string folder, string why);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "ONNX model {Folder} cannot apply JSON-schema guidance ({Reason}); generating unconstrained from now on, replies are still parsed defensively")]
    public static partial void GuidanceUnavailable(ILogger logger, string folder, string reason);
}
