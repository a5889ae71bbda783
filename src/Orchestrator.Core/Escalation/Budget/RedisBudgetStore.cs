using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.State;
using StackExchange.Redis;

namespace Orchestrator.Escalation.Budget;

/// <summary>
/// The budget on a Redis server shared by every replica, so N replicas spend one budget, not N.
/// Reservations are checked and written atomically by a Lua script; each carries an expiry, so a
/// replica that dies mid-call stops holding money after <c>state.reservation_ttl_seconds</c>.
/// While the server is unreachable a reservation is refused (<c>fail_closed</c>, the default: no
/// money leaves uncounted) or admitted (<c>fail_open</c>: availability over the limit). A settlement
/// that cannot be written is kept in memory and written before anything else once the server
/// answers again, so spend made during an outage is not forgotten.
/// </summary>
public sealed class RedisBudgetStore : IBudgetStore
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(2);

    private readonly RedisStateConnection _connection;
    private readonly bool _ownsConnection;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reservationLifetime;
    private readonly bool _failOpen;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<(BudgetReservation Reservation, double Usd)> _deferred = new();

    internal RedisBudgetStore(RedisStateConnection connection, bool ownsConnection, BudgetLimits limits, StateConfig config, TimeProvider? time, ILogger? logger)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        Limits = limits;
        _time = time ?? TimeProvider.System;
        _reservationLifetime = TimeSpan.FromSeconds(config.ReservationTtlSeconds);
        _failOpen = config.BudgetOnUnavailable == UnavailablePolicies.FailOpen;
        _logger = logger ?? NullLogger.Instance;
    }

    public BudgetLimits Limits { get; }

    public string Location => _connection.Location;

    /// <summary>Settlements written to memory only, waiting for the server.</summary>
    public int DeferredSettlements => _deferred.Count;

    /// <summary>Connects to the server named by <paramref name="config"/> (<c>state.connection_env</c>); an unreachable server is not an error here.</summary>
    public static RedisBudgetStore Open(StateConfig config, BudgetLimits limits, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(limits);
        return new RedisBudgetStore(RedisStateConnection.Open(config), ownsConnection: true, limits, config, time, logger);
    }

    public async Task<BudgetDecision> ReserveAsync(string? tenant, double usd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        var now = _time.GetUtcNow();
        var key = tenant ?? "";
        var id = Guid.NewGuid().ToString("N");
        var reservation = new BudgetReservation(id, Day(now), key, usd);
        try
        {
            await FlushDeferredAsync().ConfigureAwait(false);
            var result = (RedisResult[])(await _connection.Database.ScriptEvaluateAsync(RedisBudgetScripts.Reserve, DayKeys(reservation.Day), [
                now.ToUnixTimeMilliseconds(), key, Text(usd), id, (now + _reservationLifetime).ToUnixTimeMilliseconds(),
                Limit(Limits.UsdPerDay), Limit(Limits.TenantUsdPerDay), Text(Tolerance), (long)KeyLifetime.TotalSeconds,
            ]).ConfigureAwait(false))!;

            // The script is not abandoned on cancellation (it may already have reserved on the
            // server): a caller that gave up while it ran gets its reservation released, not leaked.
            if ((long)result[0] == 1)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                return new BudgetDecision(reservation, null);
            }

            var used = Money(double.Parse((string)result[2]!, CultureInfo.InvariantCulture));
            return (string)result[1]! == "global"
                ? new BudgetDecision(null, $"global limit {Money(Limits.UsdPerDay!.Value)} USD/day, {used} spent or reserved, this call needs up to {Money(usd)}")
                : new BudgetDecision(null, $"tenant limit {Money(Limits.TenantUsdPerDay!.Value)} USD/day, {used} spent or reserved, this call needs up to {Money(usd)}");
        }
        catch (Exception ex) when (RedisStateConnection.IsUnavailable(ex))
        {
            _connection.CountFailure("budget");
            if (_failOpen)
            {
                BudgetLog.StoreUnavailable(_logger, Location, "admitting the call uncounted (state.on_unavailable.budget: fail_open)", ex.Message);
                return new BudgetDecision(reservation, null);
            }

            BudgetLog.StoreUnavailable(_logger, Location, "refusing the call (state.on_unavailable.budget: fail_closed)", ex.Message);
            return new BudgetDecision(null, $"the budget store ({Location}) is unreachable, so no call can be counted (state.on_unavailable.budget: fail_closed)");
        }
    }

    public async Task SettleAsync(BudgetReservation reservation, double actualUsd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var usd = Math.Max(0, actualUsd);
        try
        {
            await FlushDeferredAsync().ConfigureAwait(false);
            await WriteSettlementAsync(reservation, usd).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisStateConnection.IsUnavailable(ex))
        {
            _connection.CountFailure("budget");
            BudgetLog.SettlementDeferred(_logger, usd, reservation.Tenant, Location, ex.Message);
            _deferred.Enqueue((reservation, usd));
        }
    }

    public async Task ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        try
        {
            await _connection.Database.HashDeleteAsync(DayKeys(reservation.Day)[1], reservation.Id).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisStateConnection.IsUnavailable(ex))
        {
            _connection.CountFailure("budget");
            // The reservation expires by itself; until then it only holds money back, which is safe.
            BudgetLog.StoreUnavailable(_logger, Location, "a released reservation is held until it expires", ex.Message);
        }
    }

    /// <summary>Today's spend and live reservations; throws <see cref="RedisConnectionException"/> while the server is unreachable.</summary>
    public async Task<BudgetUsage> UsageAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await FlushDeferredAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await _connection.Database.ScriptEvaluateAsync(RedisBudgetScripts.Usage, DayKeys(Day(now)), [now.ToUnixTimeMilliseconds(), tenant ?? ""])
            .WaitAsync(cancellationToken).ConfigureAwait(false))!;
        return new BudgetUsage(double.Parse((string)result[0]!, CultureInfo.InvariantCulture), double.Parse((string)result[1]!, CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    private async Task FlushDeferredAsync()
    {
        var written = 0;
        while (_deferred.TryPeek(out var pending))
        {
            await WriteSettlementAsync(pending.Reservation, pending.Usd).ConfigureAwait(false);
            _deferred.TryDequeue(out _);
            written++;
        }

        if (written > 0)
        {
            BudgetLog.SettlementsFlushed(_logger, Location, written);
        }
    }

    private Task WriteSettlementAsync(BudgetReservation reservation, double usd) =>
        _connection.Database.ScriptEvaluateAsync(RedisBudgetScripts.Settle, DayKeys(reservation.Day), [reservation.Id, reservation.Tenant, Text(usd), (long)KeyLifetime.TotalSeconds]);

    /// <summary>The day's keys, in one hash slot (the braces) so the scripts also run on a cluster.</summary>
    private RedisKey[] DayKeys(string day)
    {
        var slot = $"{{{_connection.KeyPrefix}:budget:{day}}}";
        return [slot + ":settled", slot + ":reserved", slot + ":settled-ids"];
    }

    private static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static RedisValue Limit(double? limit) => limit is { } l ? Text(l) : "";

    private static string Money(double usd) => usd.ToString("0.######", CultureInfo.InvariantCulture);
}
