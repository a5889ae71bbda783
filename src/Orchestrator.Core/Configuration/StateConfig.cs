namespace Orchestrator.Configuration;

/// <summary>
/// Where state that replicas must share is kept (<c>state:</c>): the cloud budget and, for
/// <c>orchestrator serve</c>, the API-key and failed-authentication rate limits. <c>sqlite</c> (the
/// default) keeps the budget in <c>budget.db</c> and the rate limits in memory: right for one
/// process. <c>redis</c> keeps both on a Redis server every replica connects to.
/// </summary>
public sealed class StateConfig
{
    public const int DefaultReservationTtlSeconds = 600;

    /// <summary><see cref="StateProviders.Sqlite"/> or <see cref="StateProviders.Redis"/>.</summary>
    public string Provider { get; init; } = StateProviders.Sqlite;

    /// <summary>redis: the environment variable that holds the StackExchange.Redis connection string (it may hold a password).</summary>
    public string? ConnectionEnv { get; init; }

    /// <summary>redis: prefix of every key, so several deployments can share one server.</summary>
    public string KeyPrefix { get; init; } = "orchestrator";

    /// <summary>When the store cannot be reached, a budget check refuses (<c>fail_closed</c>, default) or admits without counting (<c>fail_open</c>).</summary>
    public string BudgetOnUnavailable { get; init; } = UnavailablePolicies.FailClosed;

    /// <summary>When the store cannot be reached, rate limits fall back to this process's own buckets (<c>fail_open</c>, default) or answer 503 (<c>fail_closed</c>).</summary>
    public string RateLimitsOnUnavailable { get; init; } = UnavailablePolicies.FailOpen;

    /// <summary>How long a reservation lives without being settled: a replica that died mid-call stops holding budget after this.</summary>
    public int ReservationTtlSeconds { get; init; } = DefaultReservationTtlSeconds;
}
