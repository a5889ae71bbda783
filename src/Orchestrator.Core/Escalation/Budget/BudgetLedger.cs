using System.Globalization;
using Microsoft.Data.Sqlite;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Escalation.Budget;

/// <summary>Daily spend limits in USD; null means unlimited.</summary>
public sealed record BudgetLimits(double? UsdPerDay, double? TenantUsdPerDay)
{
    public bool Any => UsdPerDay is not null || TenantUsdPerDay is not null;
}

/// <summary>Money held for one cloud call until it is settled with the real cost or released.</summary>
public sealed record BudgetReservation(string Id, string Day, string Tenant, double Usd);

/// <summary>The outcome of <see cref="BudgetLedger.ReserveAsync"/>: a reservation, or why the budget refused.</summary>
public sealed record BudgetDecision(BudgetReservation? Reservation, string? RejectedBecause);

/// <summary>Today's settled spend plus live reservations.</summary>
public sealed record BudgetUsage(double GlobalUsd, double TenantUsd);

/// <summary>
/// Cloud spend per UTC day, globally and per tenant, in a SQLite file (WAL). A call reserves its
/// worst-case cost before it is made, atomically against settled spend plus live reservations, then
/// settles with the real cost or releases. Reservations of a process that crashed expire after
/// <c>reservationLifetime</c>, so they cannot block the budget for the rest of the day.
/// </summary>
public sealed class BudgetLedger : IBudgetStore
{
    // Sums of doubles are not exact; a budget that allows exactly N calls must allow the Nth.
    private const double Tolerance = 1e-9;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly BudgetLimits _limits;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    private BudgetLedger(string file, SqliteConnection connection, BudgetLimits limits, TimeProvider time, TimeSpan lifetime)
    {
        DatabaseFile = file;
        _connection = connection;
        _limits = limits;
        _time = time;
        _lifetime = lifetime;
    }

    public string DatabaseFile { get; }

    public BudgetLimits Limits => _limits;

    public string Location => DatabaseFile;

    /// <summary>
    /// Opens (or creates) the ledger. A file that is not a SQLite database is an error naming the
    /// file; it is never recreated, because that would silently reset today's spend.
    /// </summary>
    public static BudgetLedger Open(string file, BudgetLimits limits, TimeProvider? time = null, TimeSpan? reservationLifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(limits);
        var full = Path.GetFullPath(file);
        SqliteConnection? connection = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, BudgetSchema.Create);
            return new BudgetLedger(full, connection, limits, time ?? TimeProvider.System, reservationLifetime ?? TimeSpan.FromMinutes(10));
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            throw BudgetSchema.Translate(ex, full);
        }
        catch (IOException ex)
        {
            connection?.Dispose();
            throw new StoreException($"Cannot use the budget file '{full}': {ex.Message}", ex);
        }
    }

    public Task<BudgetDecision> ReserveAsync(string? tenant, double usd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        return InTransactionAsync(transaction =>
        {
            var now = _time.GetUtcNow();
            var day = Day(now);
            var key = tenant ?? "";
            var usage = Usage(transaction, day, key, now);
            if (_limits.UsdPerDay is { } global && usage.GlobalUsd + usd > global + Tolerance)
            {
                return new BudgetDecision(null, $"global limit {Money(global)} USD/day, {Money(usage.GlobalUsd)} spent or reserved, {Needs(usd)}");
            }

            if (_limits.TenantUsdPerDay is { } perTenant && usage.TenantUsd + usd > perTenant + Tolerance)
            {
                return new BudgetDecision(null, $"tenant limit {Money(perTenant)} USD/day, {Money(usage.TenantUsd)} spent or reserved, {Needs(usd)}");
            }

            var reservation = new BudgetReservation(Guid.NewGuid().ToString("N"), day, key, usd);
            Execute(transaction, "INSERT INTO budget_entries (id, day, tenant, usd, settled, expires_at) VALUES ($id, $day, $tenant, $usd, 0, $expires)",
                ("$id", reservation.Id), ("$day", day), ("$tenant", key), ("$usd", usd), ("$expires", (now + _lifetime).ToUnixTimeMilliseconds()));
            return new BudgetDecision(reservation, null);
        }, cancellationToken);
    }

    /// <summary>Records the real cost of a call. Works even if the reservation expired meanwhile.</summary>
    public Task SettleAsync(BudgetReservation reservation, double actualUsd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return InTransactionAsync(transaction => Execute(transaction,
            "INSERT INTO budget_entries (id, day, tenant, usd, settled, expires_at) VALUES ($id, $day, $tenant, $usd, 1, 0) " +
            "ON CONFLICT(id) DO UPDATE SET usd = excluded.usd, settled = 1",
            ("$id", reservation.Id), ("$day", reservation.Day), ("$tenant", reservation.Tenant), ("$usd", Math.Max(0, actualUsd))), cancellationToken);
    }

    /// <summary>Gives the reserved money back: the call was not made or failed without a charge.</summary>
    public Task ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return InTransactionAsync(transaction => Execute(transaction, "DELETE FROM budget_entries WHERE id = $id AND settled = 0", ("$id", reservation.Id)), cancellationToken);
    }

    public Task<BudgetUsage> UsageAsync(string? tenant, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => Usage(transaction, Day(_time.GetUtcNow()), tenant ?? "", _time.GetUtcNow()), cancellationToken);

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(double usd) => usd.ToString("0.######", CultureInfo.InvariantCulture);

    // The refused call's worst case: with little spent, this is what explains the refusal.
    private static string Needs(double usd) => $"this call needs up to {Money(usd)}";

    private static BudgetUsage Usage(SqliteTransaction transaction, string day, string tenant, DateTimeOffset now)
    {
        using var command = Command(transaction,
            "SELECT COALESCE(SUM(usd), 0), COALESCE(SUM(CASE WHEN tenant = $tenant THEN usd ELSE 0 END), 0) FROM budget_entries " +
            "WHERE day = $day AND (settled = 1 OR expires_at > $now)",
            ("$day", day), ("$tenant", tenant), ("$now", now.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new BudgetUsage(reader.GetDouble(0), reader.GetDouble(1));
    }

    private async Task<T> InTransactionAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // IMMEDIATE takes the write lock up front, so two processes sharing the file cannot both
            // read the same spend and both reserve the last dollar.
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException ex)
        {
            throw BudgetSchema.Translate(ex, DatabaseFile);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task InTransactionAsync(Action<SqliteTransaction> work, CancellationToken cancellationToken) =>
        InTransactionAsync(transaction =>
        {
            work(transaction);
            return true;
        }, cancellationToken);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
