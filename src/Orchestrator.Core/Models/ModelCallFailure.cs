using System.ClientModel;

namespace Orchestrator.Models;

/// <summary>
/// Turns an exception from a model call into a short reason for results and logs. Reasons carry
/// the model name, HTTP status and our own messages, never response bodies or headers, which may
/// echo credentials.
/// </summary>
internal static class ModelCallFailure
{
    public static bool IsModelFailure(Exception ex, CancellationToken callerToken) => ex switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        ModelUnavailableException or ClientResultException or HttpRequestException or TimeoutException => true,
        System.Text.Json.JsonException or InvalidOperationException or FormatException => true,
        _ => false,
    };

    public static string Describe(string modelName, Exception ex) => ex switch
    {
        ModelUnavailableException unavailable => unavailable.Message,
        ClientResultException { Status: > 0 } http => $"model '{modelName}' returned HTTP {http.Status}",
        OperationCanceledException or TimeoutException => $"model '{modelName}' did not answer in time",
        HttpRequestException => $"model '{modelName}' could not be reached",
        _ => $"model '{modelName}' failed: {ex.GetType().Name}",
    };
}
