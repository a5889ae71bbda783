using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The caller of a host's own endpoint, resolved from the orchestrator's API key exactly as the
/// <c>/v1</c> endpoints resolve it (constant-time key match, <c>server.identity_headers</c>,
/// <c>server.failed_auth</c>), but answering nothing itself: a refusal is null and the host's
/// endpoint decides what to reply. Resolved once per request, so asking twice counts once.
/// </summary>
internal sealed class HostCallerResolver
{
    private const string ItemKey = "orchestrator.host_caller";

    private readonly ApiKeyAuthenticator _authenticator;
    private readonly FailedAuthLimiter _failedAuth;
    private readonly ServeSettings _settings;

    public HostCallerResolver(ApiKeyAuthenticator authenticator, FailedAuthLimiter failedAuth, ServeSettings settings)
    {
        _authenticator = authenticator;
        _failedAuth = failedAuth;
        _settings = settings;
    }

    public Task<CallerIdentity?> ResolveAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var earlier) && earlier is Task<CallerIdentity?> resolved)
        {
            return resolved;
        }

        resolved = ResolveOnceAsync(context);
        context.Items[ItemKey] = resolved;
        return resolved;
    }

    private async Task<CallerIdentity?> ResolveOnceAsync(HttpContext context)
    {
        // On a /v1 path the API's middleware has already authenticated (and counted) this request.
        if (_authenticator.Required && ApiKeyAuthenticator.Caller(context) is null)
        {
            // No header is no guess at a key: a host page open to visitors without keys must not
            // use up its visitors' failed attempts (the API, which always needs one, counts it).
            if (StringValues.IsNullOrEmpty(context.Request.Headers.Authorization))
            {
                return null;
            }

            if (await _failedAuth.IsBlockedAsync(context).ConfigureAwait(false))
            {
                return null;
            }

            if (_authenticator.Match(context, out _) is null)
            {
                await _failedAuth.RecordFailureAsync(context).ConfigureAwait(false);
                return null;
            }
        }

        try
        {
            return CallerIdentityResolver.Resolve(context, _settings.Server);
        }
        catch (ApiException)
        {
            // A malformed server.identity_headers value: the API answers 400; here nobody is identified.
            return null;
        }
    }
}
