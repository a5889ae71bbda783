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
        if (await CheckAsync(context).ConfigureAwait(false) is not { } blocked)
        {
            return false;
        }

        await blocked.ToRefusalResult().ExecuteAsync(context).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The refusal for an address that has used up its failed attempts (or whose store is unreachable
    /// and fails closed), with when to retry; null while it may still try. Answers nothing itself.
    /// </summary>
    public async Task<OrchestratorCallerResult?> CheckAsync(HttpContext context)
    {
        var decision = await _store.AcquireAsync(Key(context), _bucket, cost: 0, context.RequestAborted).ConfigureAwait(false);
        if (decision.Allowed)
        {
            return null;
        }

        Blocked(_logger, Address(context));
        var seconds = OrchestratorCallerResult.RetryAfterSeconds(decision.RetryAfter);
        var problem = decision.StoreUnavailable
            ? "the rate-limit store is unreachable and state.on_unavailable.rate_limits is fail_closed; retry shortly"
            : $"too many failed authentications from this address: {_config.Burst} allowed, then {_config.RequestsPerMinute} per minute (server.failed_auth); retry after {seconds} s";
        return OrchestratorCallerResult.Blocked(decision.RetryAfter, problem, decision.StoreUnavailable);
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
