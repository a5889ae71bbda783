using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

// Nothing here logs request bodies, headers or keys: only routes, timings, key names and exception types.
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "answered: route {Route}, escalated {Escalated}, {TotalMs:0.0} ms")]
    private static partial void Answered(ILogger logger, string route, bool escalated, double totalMs);

    public static void Answered(ILogger logger, OrchestratorResponse response)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var route = ChatShapes.RouteHeader(response.Route);
            Answered(logger, route, response.Escalation.Needed, response.TimingsMs.Total);
        }
    }

    public static void Rejected(ILogger logger, HttpContext context, ApiException error)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var path = context.Request.Path.ToString();
            Rejected(logger, path, error.Status, error.Code);
        }
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "request failed with an unexpected error (answered 500)")]
    public static partial void Unhandled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "answer stream broke after the reply had started")]
    public static partial void StreamBroke(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "the orchestrator API answered {Address} without an API key: server.api_keys is empty, so anyone who can reach this port can use it and spend the cloud budget; add server.api_keys or protect the endpoints in your host (logged once)")]
    public static partial void OpenToRemoteCallers(ILogger logger, string address);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "rejected {Path}: {Status} {Code}")]
    private static partial void Rejected(ILogger logger, string path, int status, string code);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "rate limit hit by {Partition}")]
    public static partial void RateLimited(ILogger logger, string partition);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "serving on {Urls}; API keys {KeyCount}, rate limit {RateLimit}")]
    public static partial void Listening(ILogger logger, string urls, int keyCount, string rateLimit);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "readiness probe: the store did not answer")]
    public static partial void StoreNotReady(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "rejected {Path}: request headers are {Bytes} bytes, over the limit of {Limit}")]
    public static partial void HeadersTooLarge(ILogger logger, string path, long bytes, long limit);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "refused a request: the store file is missing (deleted or moved while serving); restore it or run orchestrator ingest, then restart serve")]
    public static partial void StoreFileMissing(ILogger logger);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Warning, Message = "a Responses conversation was not kept: the stored-responses store at {Location} is unreachable ({Detail}); a previous_response_id to it will be unknown")]
    public static partial void StoredResponseNotKept(ILogger logger, string location, string detail);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Warning, Message = "refused a previous_response_id with 503: the stored-responses store at {Location} is unreachable ({Detail})")]
    public static partial void StoredResponseUnreachable(ILogger logger, string location, string detail);
}
