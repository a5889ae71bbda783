using System.Threading.RateLimiting;
using Orchestrator.State;

namespace Orchestrator.AspNetCore;

/// <summary>
/// One partition of <c>server.rate_limit</c> as an ASP.NET Core <see cref="RateLimiter"/> over an
/// <see cref="IRateLimitStore"/>, so the bucket lives wherever <c>state:</c> keeps it (memory, or Redis
/// shared by every replica). The store is asynchronous, so <see cref="AttemptAcquireCore"/> never
/// grants: the rate-limiting middleware then asks <see cref="AcquireAsyncCore"/>.
/// </summary>
internal sealed class StoreRateLimiter : RateLimiter
{
    /// <summary>Lease metadata: true when the store was unreachable and fail_closed refused.</summary>
    public const string StoreUnavailableMetadata = "orchestrator.store_unavailable";

    private readonly IRateLimitStore _store;
    private readonly string _key;
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private long _lastUsedTicks;

    public StoreRateLimiter(IRateLimitStore store, string key, TokenBucket bucket, TimeProvider time)
    {
        _store = store;
        _key = key;
        _bucket = bucket;
        _time = time;
        _lastUsedTicks = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => _time.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, _time.GetTimestamp());
        var decision = await _store.AcquireAsync(_key, _bucket, permitCount, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? Lease.Granted : new Lease(false, decision.RetryAfter, decision.StoreUnavailable);
    }

    private sealed class Lease(bool acquired, TimeSpan retryAfter, bool storeUnavailable) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true, TimeSpan.Zero, false);

        public static Lease NotYet { get; } = new(false, TimeSpan.Zero, false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name, StoreUnavailableMetadata];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name && !acquired ? retryAfter
                : metadataName == StoreUnavailableMetadata && !acquired ? storeUnavailable
                : null;
            return metadata is not null;
        }
    }
}
