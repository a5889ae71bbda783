namespace Orchestrator.State;

/// <summary>
/// The answer of <see cref="IRateLimitStore.AcquireAsync"/>: allowed, or how long to wait.
/// <see cref="StoreUnavailable"/> is set when a shared store could not be reached and the
/// <c>fail_closed</c> policy refused for that reason rather than for the rate.
/// </summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter, bool StoreUnavailable = false)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
