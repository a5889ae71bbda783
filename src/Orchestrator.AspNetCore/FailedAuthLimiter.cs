using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.State;

namespace Orchestrator.AspNetCore;

/// <summary>
/// server.failed_auth: failed authentications per client address, in the shared
/// <see cref="IRateLimitStore"/>. Each 401 takes a token from the address's bucket; an address whose
/// bucket is empty gets 429 for every request, right key or not, until it refills, so keys cannot be
/// guessed at network speed. Logs name the address, never the presented key.
/// </summary>
internal sealed partial class FailedAuthLimiter
{
    private readonly IRateLimitStore _store;
    private readonly TokenBucket _bucket;
    private readonly RateLimitConfig _config;
    private readonly ILogger<FailedAuthLimiter> _logger;

    public FailedAuthLimiter(IRateLimitStore store, ServeSettings settings, ILogger<FailedAuthLimiter> logger)
    {
        _store = store;
        _config = settings.Server.FailedAuth;
        _bucket = TokenBucket.PerMinute(_config.RequestsPerMinute, _config.Burst);
        _logger = logger;
    }

    /// <summary>Answers 429 (with Retry-After) when the caller's address has used up its failed attempts; returns whether it did.</summary>
    public async Task<bool> RefuseIfBlockedAsync(HttpContext context)
    {
        var decision = await _store.AcquireAsync(Key(context), _bucket, cost: 0, context.RequestAborted).ConfigureAwait(false);
        if (decision.Allowed)
        {
            return false;
        }

        Blocked(_logger, Address(context));
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (decision.StoreUnavailable)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable,
                "the rate-limit store is unreachable and state.on_unavailable.rate_limits is fail_closed; retry shortly").ConfigureAwait(false);
        }
        else
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests,
                $"too many failed authentications from this address: {_config.Burst} allowed, then {_config.RequestsPerMinute} per minute (server.failed_auth); retry after {seconds} s",
                ApiErrors.RateLimited).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Whether the caller's address has used up its failed attempts (or the store is unreachable and
    /// fails closed), without answering: for a host's own endpoints, which answer for themselves.
    /// </summary>
    public async Task<bool> IsBlockedAsync(HttpContext context)
    {
        var decision = await _store.AcquireAsync(Key(context), _bucket, cost: 0, context.RequestAborted).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            Blocked(_logger, Address(context));
        }

        return !decision.Allowed;
    }

    /// <summary>Counts one failed authentication from the caller's address.</summary>
    public async Task RecordFailureAsync(HttpContext context)
    {
        Failed(_logger, Address(context));
        await _store.AcquireAsync(Key(context), _bucket, cost: 1, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Key(HttpContext context) => "auth-failures:" + Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "failed authentication from {Address}")]
    private static partial void Failed(ILogger logger, string address);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "refused {Address}: too many failed authentications (server.failed_auth)")]
    private static partial void Blocked(ILogger logger, string address);
}
