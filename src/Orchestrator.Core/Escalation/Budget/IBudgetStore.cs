namespace Orchestrator.Escalation.Budget;

/// <summary>
/// Where the daily cloud spend is kept, globally and per tenant: <see cref="BudgetLedger"/> (a SQLite
/// file, one machine) or <see cref="RedisBudgetStore"/> (shared by every replica). A call reserves its
/// worst-case cost atomically against settled spend plus live reservations, then settles with the
/// real cost or releases; a reservation whose process died expires.
/// </summary>
public interface IBudgetStore : IDisposable
{
    BudgetLimits Limits { get; }

    /// <summary>Where the spend is kept, for messages: a file path or a Redis endpoint.</summary>
    string Location { get; }

    Task<BudgetDecision> ReserveAsync(string? tenant, double usd, CancellationToken cancellationToken = default);

    /// <summary>Records the real cost of a call. Works even if the reservation expired meanwhile.</summary>
    Task SettleAsync(BudgetReservation reservation, double actualUsd, CancellationToken cancellationToken = default);

    /// <summary>Gives the reserved money back: the call was not made or failed without a charge.</summary>
    Task ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken = default);

    Task<BudgetUsage> UsageAsync(string? tenant, CancellationToken cancellationToken = default);
}
