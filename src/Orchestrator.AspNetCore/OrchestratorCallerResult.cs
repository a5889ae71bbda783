using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The outcome of checking a request's orchestrator API key for a host's own endpoint, from
/// <c>HttpContext.AuthenticateOrchestratorCallerAsync()</c>: who is calling, or why nobody is, so the
/// endpoint can answer 401, 429 (with <c>Retry-After</c>) or 400 as the <c>/v1</c> endpoints do.
/// </summary>
public sealed class OrchestratorCallerResult
{
    private OrchestratorCallerResult(OrchestratorCallerOutcome outcome, CallerIdentity? caller, TimeSpan? retryAfter, string? problem, bool storeUnavailable)
    {
        Outcome = outcome;
        Caller = caller;
        RetryAfter = retryAfter;
        Problem = problem;
        StoreUnavailable = storeUnavailable;
    }

    /// <summary>How the check ended.</summary>
    public OrchestratorCallerOutcome Outcome { get; }

    /// <summary>Whether the request may go on as <see cref="Caller"/>.</summary>
    [MemberNotNullWhen(true, nameof(Caller))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsAuthenticated => Outcome == OrchestratorCallerOutcome.Authenticated;

    /// <summary>The caller for <c>OrchestratorRequest.Caller</c>; null unless <see cref="IsAuthenticated"/>.</summary>
    public CallerIdentity? Caller { get; }

    /// <summary>How long the address must wait before it may authenticate again; set only when <see cref="OrchestratorCallerOutcome.Blocked"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Why the request was refused, safe to show to the client (it never quotes the key); null when authenticated.</summary>
    public string? Problem { get; }

    private bool StoreUnavailable { get; }

    /// <summary>
    /// The reply the <c>/v1</c> endpoints give for this refusal, with the same OpenAI-shaped error body:
    /// 401 with <c>WWW-Authenticate: Bearer</c> (<see cref="OrchestratorCallerOutcome.NoKey"/>,
    /// <see cref="OrchestratorCallerOutcome.InvalidKey"/>), 429 with <c>Retry-After</c> in whole seconds
    /// (<see cref="OrchestratorCallerOutcome.Blocked"/>; 503 when the rate-limit store is unreachable), or 400
    /// (<see cref="OrchestratorCallerOutcome.InvalidIdentityHeader"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The caller is authenticated: there is nothing to refuse.</exception>
    public IResult ToRefusalResult() => IsAuthenticated
        ? throw new InvalidOperationException("the caller is authenticated; ToRefusalResult() answers only a refusal (check IsAuthenticated first)")
        : new RefusalResult(this);

    internal static OrchestratorCallerResult Authenticated(CallerIdentity caller) => new(OrchestratorCallerOutcome.Authenticated, caller, null, null, false);

    internal static OrchestratorCallerResult Refused(OrchestratorCallerOutcome outcome, string problem) => new(outcome, null, null, problem, false);

    internal static OrchestratorCallerResult Blocked(TimeSpan retryAfter, string problem, bool storeUnavailable) =>
        new(OrchestratorCallerOutcome.Blocked, null, retryAfter, problem, storeUnavailable);

    /// <summary>Whole seconds for <c>Retry-After</c>, at least one, as the API rounds them.</summary>
    internal static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private sealed class RefusalResult(OrchestratorCallerResult refusal) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            switch (refusal.Outcome)
            {
                case OrchestratorCallerOutcome.Blocked:
                    response.Headers.RetryAfter = RetryAfterSeconds(refusal.RetryAfter ?? TimeSpan.Zero).ToString(CultureInfo.InvariantCulture);
                    return refusal.StoreUnavailable
                        ? ApiErrors.WriteAsync(response, StatusCodes.Status503ServiceUnavailable, refusal.Problem!)
                        : ApiErrors.WriteAsync(response, StatusCodes.Status429TooManyRequests, refusal.Problem!, ApiErrors.RateLimited);
                case OrchestratorCallerOutcome.InvalidIdentityHeader:
                    return ApiErrors.WriteAsync(response, StatusCodes.Status400BadRequest, refusal.Problem!, ApiErrors.InvalidRequest);
                default:
                    response.Headers.WWWAuthenticate = "Bearer";
                    return ApiErrors.WriteAsync(response, StatusCodes.Status401Unauthorized, refusal.Problem!, ApiErrors.InvalidApiKey);
            }
        }
    }
}
