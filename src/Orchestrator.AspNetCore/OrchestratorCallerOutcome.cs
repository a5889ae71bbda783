namespace Orchestrator.AspNetCore;

/// <summary>How the orchestrator's API key check ended for a host's own endpoint (see <see cref="OrchestratorCallerResult"/>).</summary>
public enum OrchestratorCallerOutcome
{
    /// <summary>
    /// The request may go on as <see cref="OrchestratorCallerResult.Caller"/>: a configured key matched, or no
    /// <c>server.api_keys</c> are configured (then the caller is <see cref="CallerIdentity.Anonymous"/> or the identity headers' user).
    /// </summary>
    Authenticated,

    /// <summary>Keys are configured and the request has no <c>Authorization</c> header. Not counted as a failed authentication.</summary>
    NoKey,

    /// <summary>The <c>Authorization</c> header holds no configured key (wrong, empty, over-long, malformed or another scheme). Counted in <c>server.failed_auth</c>.</summary>
    InvalidKey,

    /// <summary>
    /// The address has used up <c>server.failed_auth</c> (the right key is refused too until it refills), or the
    /// rate-limit store is unreachable and fails closed. <see cref="OrchestratorCallerResult.RetryAfter"/> says when to retry.
    /// </summary>
    Blocked,

    /// <summary>The key matched but a <c>server.identity_headers</c> header is malformed (the API answers 400).</summary>
    InvalidIdentityHeader,
}
