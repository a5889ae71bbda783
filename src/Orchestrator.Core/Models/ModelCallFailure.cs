using System.ClientModel;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.ML.OnnxRuntimeGenAI;
using Orchestrator.Models.Onnx;

namespace Orchestrator.Models;

/// <summary>
/// Turns an exception from a model call into a short reason. <see cref="Describe"/> is for results
/// that reach end users (attempts, fallback notes, degraded answers): it names the model and what
/// went wrong, never environment variable names, paths, exception types, response bodies or
/// headers. <see cref="Explain"/> is for operators (<c>models check</c>, logs): the real error and
/// how to fix it, still without credentials.
/// </summary>
internal static class ModelCallFailure
{
    public static bool IsModelFailure(Exception ex, CancellationToken callerToken) => Unwrap(ex) switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        ModelUnavailableException or ClientResultException or HttpRequestException or TimeoutException => true,
        OnnxModelException or OnnxModelBusyException or OnnxRuntimeGenAIException => true,
        System.Text.Json.JsonException or InvalidOperationException or FormatException => true,
        _ => false,
    };

    public static string Describe(string modelName, Exception ex) => Unwrap(ex) switch
    {
        ModelUnavailableException { IsUnconfigured: true } => $"model '{modelName}' is not set up on this server",
        ModelUnavailableException or OnnxModelException or OnnxRuntimeGenAIException => $"model '{modelName}' could not be loaded",
        OnnxModelBusyException => $"model '{modelName}' is busy",
        ClientResultException { Status: > 0 } http => $"model '{modelName}' returned HTTP {http.Status}",
        OperationCanceledException or TimeoutException => $"model '{modelName}' did not answer in time",
        HttpRequestException => $"model '{modelName}' could not be reached",
        _ => $"model '{modelName}' failed",
    };

    /// <summary>What failed and how to fix it, for the operator. Response bodies are left out: they may echo the key.</summary>
    public static string Explain(string modelName, string? endpoint, Exception ex) => Unwrap(ex) switch
    {
        ModelUnavailableException or OnnxModelException => Unwrap(ex).Message,
        ClientResultException { Status: 401 or 403 } http => $"model '{modelName}' returned HTTP {http.Status}: the API key was refused; check the key in the variable that api_key_env names",
        ClientResultException { Status: 404 } => $"model '{modelName}' returned HTTP 404: check that endpoint ({endpoint}) ends with the API's base path (e.g. /v1) and that the model id is served there",
        ClientResultException { Status: 429 } => $"model '{modelName}' returned HTTP 429: rate limited or out of quota at the provider",
        ClientResultException { Status: > 0 } http => $"model '{modelName}' returned HTTP {http.Status}",
        OperationCanceledException or TimeoutException => $"model '{modelName}' did not answer in time; check that {endpoint ?? "the model"} is up, or raise timeout_seconds",
        HttpRequestException http => $"model '{modelName}' could not be reached at {endpoint}: {Chain(http)}; check the endpoint URL and that the server is running",
        var other => $"model '{modelName}' failed: {Chain(other)}",
    };

    /// <summary>
    /// The exception that says what happened: task, channel and reflection wrappers (AggregateException,
    /// ChannelClosedException, TargetInvocationException) say nothing themselves.
    /// </summary>
    internal static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Count >= 1:
                    ex = aggregate.InnerExceptions[0];
                    break;
                case ClientResultException { Status: 0, InnerException: { } inner }:
                    // The SDK reports network failures as a result without a status; the cause is inside.
                    ex = inner;
                    break;
                case ChannelClosedException { InnerException: { } inner }:
                    ex = inner;
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                default:
                    return ex;
            }
        }
    }

    /// <summary>Each message down the inner-exception chain (first lines only), e.g. "Connection refused (127.0.0.1:9)".</summary>
    private static string Chain(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 4; e = e.InnerException)
        {
            var line = e is SocketException socket ? $"{socket.SocketErrorCode}: {FirstLine(socket.Message)}" : FirstLine(e.Message);
            if (line.Length > 0 && !parts.Contains(line))
            {
                parts.Add(line);
            }
        }

        return parts.Count == 0 ? ex.GetType().Name : string.Join("; ", parts);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
