using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// Which failures of a model call are worth another attempt. Transient: HTTP 408, 429 and 5xx, attempt
/// timeouts, dropped connections and responses the SDK could not parse. Never: other 4xx (the request
/// or the key is wrong and will stay wrong), caller cancellation, our own fast-fail rejections.
/// </summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception, CancellationToken token)
    {
        switch (exception)
        {
            case TimeoutRejectedException:
                return true;
            case BrokenCircuitException or RateLimiterRejectedException:
                return false;
            case OperationCanceledException:
                // The caller's (or the total timeout's) token: stop. Otherwise the SDK's network timeout fired.
                return !token.IsCancellationRequested;
        }

        if (StatusOf(exception) is { } status)
        {
            return status is 408 or 429 or >= 500;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or SocketException or JsonException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The HTTP status of a failed call: from the SDK's error, or from a chaos-injected fault.</summary>
    public static int? StatusOf(Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } result => result.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };

    /// <summary>
    /// How long the server asked us to wait: <c>retry-after-ms</c> (OpenAI), else <c>Retry-After</c> in
    /// seconds or as an HTTP date. Null when the response carries neither.
    /// </summary>
    public static TimeSpan? RetryAfter(Exception? exception, TimeProvider time)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date - time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }

    /// <summary>What a log line says about a failure: the HTTP status, else the exception type (never the message, which may quote input).</summary>
    public static string Describe(Exception? exception) =>
        exception is null ? "none" : StatusOf(exception) is { } status ? $"HTTP {status}" : exception.GetType().Name;
}
