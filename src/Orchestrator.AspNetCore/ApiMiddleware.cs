using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The API's exception handler and authentication, in one place at the front of the pipeline:
/// every failure becomes an OpenAI-shaped error with the right status and a safe message, and
/// nothing about the exception but its log entry leaves the server.
/// </summary>
internal sealed class ApiMiddleware
{
    public const string ChatPath = "/v1/chat/completions";
    public const string ResponsesPath = "/v1/responses";

    private readonly RequestDelegate _next;
    private readonly ApiKeyAuthenticator _authenticator;
    private readonly FailedAuthLimiter _failedAuth;
    private readonly ILogger<ApiMiddleware> _logger;
    private int _warnedOpen;

    private readonly ServeTraffic _traffic;

    public ApiMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, FailedAuthLimiter failedAuth, ServeTraffic traffic, ILogger<ApiMiddleware> logger)
    {
        _next = next;
        _traffic = traffic;
        _authenticator = authenticator;
        _failedAuth = failedAuth;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await AnswerAsync(context).ConfigureAwait(false);
            return;
        }

        _traffic.Enter();
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _traffic.Leave(context.RequestAborted.IsCancellationRequested);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ChatPath) || context.Request.Path.StartsWithSegments(ResponsesPath))
        {
            ServeHeaders.EnsureDefaults(context.Response);
        }

        try
        {
            ServeHeaderLimits.Check(context.Request);
            if (context.Request.Path.StartsWithSegments("/v1") && !await AuthenticateAsync(context).ConfigureAwait(false))
            {
                return; // refused and answered (server.failed_auth)
            }

            await _next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception ex) when (Map(ex) is { } error)
        {
            ServeLog.Rejected(_logger, context, error);
            await WriteAsync(context, error).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ServeLog.Unhandled(_logger, ex);
            await WriteAsync(context, new ApiException(StatusCodes.Status500InternalServerError, $"internal error; the server log has the details (request {context.TraceIdentifier})", ApiErrors.ServerError)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Without keys the API serves whoever reaches it. <c>serve</c> refuses such a binding outside
    /// loopback, but a host of its own may bind anything, so the first remote caller is logged.
    /// </summary>
    private void WarnOnceIfOpenToRemoteCallers(HttpContext context)
    {
        // An endpoint under the host's own authorization (MapOrchestrator(api => api.RequireAuthorization(...))) is not open.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            return;
        }

        if (context.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote)
            && Interlocked.Exchange(ref _warnedOpen, 1) == 0)
        {
            ServeLog.OpenToRemoteCallers(_logger, remote.ToString());
        }
    }

    /// <summary>
    /// Authenticates (a failure throws 401 and is counted); an address that failed too often is
    /// answered 429 here and false returned (server.failed_auth).
    /// </summary>
    private async Task<bool> AuthenticateAsync(HttpContext context)
    {
        if (!_authenticator.Required)
        {
            WarnOnceIfOpenToRemoteCallers(context);
            return true;
        }

        if (await _failedAuth.RefuseIfBlockedAsync(context).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            _authenticator.Authenticate(context);
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status401Unauthorized)
        {
            await _failedAuth.RecordFailureAsync(context).ConfigureAwait(false);
            throw;
        }

        return true;
    }

    private static ApiException? Map(Exception exception) => exception switch
    {
        ApiException api => api,
        InvalidRequestException invalid => ApiException.BadRequest(invalid.Message),
        BadHttpRequestException bad => new ApiException(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is too large (server.max_body_bytes)" : "the HTTP request is malformed", ApiErrors.CodeFor(bad.StatusCode)),
        _ => null,
    };

    private static async Task WriteAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            // Too late for a status code: cut the connection so the client sees a failure, not a short reply.
            context.Abort();
            return;
        }

        context.Response.Clear();
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await ApiErrors.WriteAsync(context.Response, error.Status, error.Message, error.Code, error.Param).ConfigureAwait(false);
    }
}
