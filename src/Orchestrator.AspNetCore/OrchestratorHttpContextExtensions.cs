using Microsoft.Extensions.DependencyInjection;
using Orchestrator.AspNetCore;
using Orchestrator;

namespace Microsoft.AspNetCore.Http;

/// <summary>The orchestrator's caller identity for a host's own endpoints.</summary>
public static class OrchestratorHttpContextExtensions
{
    /// <summary>
    /// Who is calling, resolved from the request's <c>Authorization: Bearer &lt;key&gt;</c> against
    /// <c>server.api_keys</c> as the <c>/v1</c> endpoints resolve it: the key's <c>user</c>,
    /// <c>roles</c> and <c>tenant</c> (or the <c>server.identity_headers</c> user and roles, when
    /// configured), ready for <c>OrchestratorRequest.Caller</c>.
    /// <para>
    /// When keys are configured, a missing, wrong, empty, malformed or over-long key gives
    /// <see langword="null"/>, as does a malformed identity header and an address that has used up
    /// <c>server.failed_auth</c> (then even the right key gives null until it refills): answer it
    /// as a refusal (e.g. <c>Results.Unauthorized()</c>), or pass <see cref="CallerIdentity.Anonymous"/>
    /// on, whom personal tools refuse. To tell these apart (e.g. to answer 429 with <c>Retry-After</c>),
    /// use <see cref="AuthenticateOrchestratorCallerAsync"/>. A presented key that does not match counts as one failed
    /// authentication of the address, as on the API; a request without the header does not. When
    /// no keys are configured every request is allowed and gets <see cref="CallerIdentity.Anonymous"/>
    /// (or the identity headers' user), never null. Keys are compared in constant time and never
    /// logged. The result is computed once per request.
    /// </para>
    /// </summary>
    /// <exception cref="InvalidOperationException">The orchestrator's services are not registered (<c>AddOrchestrator</c>).</exception>
    public static async Task<CallerIdentity?> GetOrchestratorCallerAsync(this HttpContext context) =>
        (await AuthenticateOrchestratorCallerAsync(context).ConfigureAwait(false)).Caller;

    /// <summary>
    /// Checks the request's <c>Authorization: Bearer &lt;key&gt;</c> as the <c>/v1</c> endpoints do and says
    /// how it ended: <see cref="OrchestratorCallerOutcome.Authenticated"/> with the
    /// <see cref="OrchestratorCallerResult.Caller"/>, or why not (<see cref="OrchestratorCallerOutcome.NoKey"/>,
    /// <see cref="OrchestratorCallerOutcome.InvalidKey"/>, <see cref="OrchestratorCallerOutcome.Blocked"/> with
    /// <see cref="OrchestratorCallerResult.RetryAfter"/>, <see cref="OrchestratorCallerOutcome.InvalidIdentityHeader"/>).
    /// <see cref="OrchestratorCallerResult.ToRefusalResult"/> answers a refusal as the API would (401, 429 with
    /// <c>Retry-After</c>, 400). Same constant-time check and <c>server.failed_auth</c> accounting as
    /// <see cref="GetOrchestratorCallerAsync"/>, and computed once per request, so calling both counts once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The orchestrator's services are not registered (<c>AddOrchestrator</c>).</exception>
    public static Task<OrchestratorCallerResult> AuthenticateOrchestratorCallerAsync(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolver = context.RequestServices.GetService<HostCallerResolver>()
            ?? throw new InvalidOperationException(
                "GetOrchestratorCallerAsync() and AuthenticateOrchestratorCallerAsync() need builder.Services.AddOrchestrator(o => o.ConfigFile = \"orchestrator.yaml\") (with the Orchestrator.AspNetCore package referenced) before builder.Build()");
        return resolver.ResolveAsync(context);
    }
}
