using Microsoft.Extensions.Time.Testing;
using Orchestrator.Escalation.Budget;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>The SQLite budget ledger: atomic reservations, persistence, tenants, expiry, corrupt files.</summary>
public sealed class BudgetLedgerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private string File => Path.Combine(_dir.Path, ".orchestrator", "budget.db");

    public void Dispose() => _dir.Dispose();

    private BudgetLedger Open(double? global = 1.0, double? tenant = null) =>
        BudgetLedger.Open(File, new BudgetLimits(global, tenant), _time, TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Parallel_reservations_never_pass_the_limit()
    {
        using var ledger = Open(global: 1.0);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => ledger.ReserveAsync(null, 0.1))));

        Assert.Equal(10, decisions.Count(d => d.Reservation is not null));
        Assert.All(decisions.Where(d => d.Reservation is null), d => Assert.Contains("global limit 1 USD/day", d.RejectedBecause, StringComparison.Ordinal));
        Assert.Equal(1.0, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Fact]
    public async Task A_refusal_names_what_the_call_needed_not_only_what_was_spent()
    {
        using var ledger = Open(global: 1.0, tenant: 0.5);
        Assert.NotNull((await ledger.ReserveAsync("acme", 0.2)).Reservation);

        // 0.2 of 1.0 is spent: "used up" alone reads as a bug unless the refusal says the worst case
        // of this call (0.9) is what would cross the limit (walk32).
        var global = await ledger.ReserveAsync("other", 0.9);
        var tenant = await ledger.ReserveAsync("acme", 0.4);

        Assert.Equal("global limit 1 USD/day, 0.2 spent or reserved, this call needs up to 0.9", global.RejectedBecause);
        Assert.Equal("tenant limit 0.5 USD/day, 0.2 spent or reserved, this call needs up to 0.4", tenant.RejectedBecause);
    }

    [Fact]
    public async Task Settled_spend_survives_a_restart_and_released_money_is_free_again()
    {
        using (var ledger = Open())
        {
            var a = (await ledger.ReserveAsync(null, 0.5)).Reservation!;
            var b = (await ledger.ReserveAsync(null, 0.5)).Reservation!;
            await ledger.SettleAsync(a, 0.3);
            await ledger.ReleaseAsync(b);
        }

        using var reopened = Open();
        Assert.Equal(0.3, (await reopened.UsageAsync(null)).GlobalUsd, 9);
        Assert.NotNull((await reopened.ReserveAsync(null, 0.7)).Reservation);
        Assert.Null((await reopened.ReserveAsync(null, 0.01)).Reservation);
    }

    [Fact]
    public async Task Tenants_have_separate_budgets_under_the_global_one()
    {
        using var ledger = Open(global: 1.0, tenant: 0.4);

        Assert.NotNull((await ledger.ReserveAsync("acme", 0.4)).Reservation);
        var refused = await ledger.ReserveAsync("acme", 0.1);
        Assert.Null(refused.Reservation);
        Assert.Contains("tenant limit", refused.RejectedBecause, StringComparison.Ordinal);
        Assert.NotNull((await ledger.ReserveAsync("globex", 0.4)).Reservation);
        Assert.Equal(0.4, (await ledger.UsageAsync("globex")).TenantUsd, 9);
    }

    [Fact]
    public async Task Reservations_left_by_a_crash_expire_and_a_new_day_starts_from_zero()
    {
        using (var crashed = Open())
        {
            Assert.NotNull((await crashed.ReserveAsync(null, 1.0)).Reservation);
        }

        using var ledger = Open();
        Assert.Null((await ledger.ReserveAsync(null, 0.5)).Reservation);
        _time.Advance(TimeSpan.FromMinutes(6));
        var reservation = (await ledger.ReserveAsync(null, 1.0)).Reservation;
        Assert.NotNull(reservation);
        await ledger.SettleAsync(reservation!, 1.0);
        Assert.Null((await ledger.ReserveAsync(null, 0.5)).Reservation);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull((await ledger.ReserveAsync(null, 0.5)).Reservation);
    }

    [Fact]
    public void Corrupt_budget_file_is_a_clear_error_and_is_left_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        var garbage = new string('x', 4096);
        System.IO.File.WriteAllText(File, garbage);

        var error = Assert.Throws<StoreException>(() => Open());

        Assert.Contains(File, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, System.IO.File.ReadAllText(File));
    }
}
