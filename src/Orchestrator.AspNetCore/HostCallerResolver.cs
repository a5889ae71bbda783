using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The caller of a host's own endpoint, resolved from the orchestrator's API key exactly as the
/// <c>/v1</c> endpoints resolve it (constant-time key match, <c>server.identity_headers</c>,
/// <c>server.failed_auth</c>), but answering nothing itself: the host's endpoint decides what to
/// reply to a refusal. Resolved once per request, so asking twice counts once.
/// </summary>
internal sealed class HostCallerResolver
{
    private const string ItemKey = "orchestrator.host_caller";
    private const string MissingKey = "missing API key; send the header 'Authorization: Bearer <key>'";

    private readonly ApiKeyAuthenticator _authenticator;
    private readonly FailedAuthLimiter _failedAuth;
    private readonly ServeSettings _settings;

    public HostCallerResolver(ApiKeyAuthenticator authenticator, FailedAuthLimiter failedAuth, ServeSettings settings)
    {
        _authenticator = authenticator;
        _failedAuth = failedAuth;
        _settings = settings;
    }

    public Task<OrchestratorCallerResult> ResolveAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var earlier) && earlier is Task<OrchestratorCallerResult> resolved)
        {
            return resolved;
        }

        resolved = ResolveOnceAsync(context);
        context.Items[ItemKey] = resolved;
        return resolved;
    }

    private async Task<OrchestratorCallerResult> ResolveOnceAsync(HttpContext context)
    {
        // On a /v1 path the API's middleware has already authenticated (and counted) this request.
        if (_authenticator.Required && ApiKeyAuthenticator.Caller(context) is null)
        {
            // No header is no guess at a key: a host page open to visitors without keys must not
            // use up its visitors' failed attempts (the API, which always needs one, counts it).
            if (StringValues.IsNullOrEmpty(context.Request.Headers.Authorization))
            {
                return OrchestratorCallerResult.Refused(OrchestratorCallerOutcome.NoKey, MissingKey);
            }

            if (await _failedAuth.CheckAsync(context).ConfigureAwait(false) is { } blocked)
            {
                return blocked;
            }

            if (_authenticator.Match(context, out var problem) is null)
            {
                await _failedAuth.RecordFailureAsync(context).ConfigureAwait(false);
                return OrchestratorCallerResult.Refused(OrchestratorCallerOutcome.InvalidKey, problem ?? "the API key is not valid");
            }
        }

        try
        {
            return OrchestratorCallerResult.Authenticated(CallerIdentityResolver.Resolve(context, _settings.Server));
        }
        catch (ApiException malformed)
        {
            // A malformed server.identity_headers value: the API answers 400 naming the header.
            return OrchestratorCallerResult.Refused(OrchestratorCallerOutcome.InvalidIdentityHeader, malformed.Message);
        }
    }
}
