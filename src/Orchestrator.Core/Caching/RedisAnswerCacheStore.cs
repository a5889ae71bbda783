using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.State;
using StackExchange.Redis;

namespace Orchestrator.Caching;

/// <summary>
/// Cached answers on the <c>state:</c> Redis server, shared by every replica. Redis without a
/// vector module cannot search by similarity, so the work is split:
/// <list type="bullet">
/// <item>an exact hit is one <c>GET</c> of the answer key (<c>{prefix}:cache:answer:{hash of the exact key}</c>);</item>
/// <item>each scope has a stream (<c>{prefix}:cache:scope:{hash of the scope}</c>, trimmed to
/// <c>max_entries</c>, expiring with its newest entry) of (key, vector, expiry); each replica keeps
/// the vectors in a <see cref="RedisScopeIndex"/> and reads only the entries after the last one it
/// saw, so a lookup costs one <c>XREAD</c> that is usually empty, and only a hit fetches a body.</item>
/// </list>
/// Expiry is checked against the injected clock (the keys also carry a Redis TTL, so the server
/// forgets them by itself). The store fails open: while the server is unreachable, or when a key
/// holds something that is not ours, a lookup is a miss and a write is skipped, with one warning a
/// minute; a request never fails or waits on the cache beyond the connection's timeout.
/// </summary>
internal sealed class RedisAnswerCacheStore : IAnswerCacheStore, IDisposable
{
    private const int ReadBatch = 512;
    private const int MaxScopes = 4096;
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly RedisStateConnection _connection;
    private readonly bool _ownsConnection;
    private readonly int _maxEntries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RedisScopeIndex> _scopes = new(StringComparer.Ordinal);
    private long _lastUnavailableWarning = long.MinValue;
    private long _lastUnreadableWarning = long.MinValue;

    public RedisAnswerCacheStore(RedisStateConnection connection, bool ownsConnection, int maxEntries, TimeProvider time, ILogger? logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _connection = connection;
        _ownsConnection = ownsConnection;
        _maxEntries = maxEntries;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Question vectors this replica holds locally, over all scopes.</summary>
    public int LocalVectors => _scopes.Values.Sum(s => s.Count);

    public async ValueTask<CachedAnswer?> GetExactAsync(string exactKey, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        if (!Reachable())
        {
            return null;
        }

        try
        {
            var entry = await ReadBodyAsync(exactKey, cancellationToken).ConfigureAwait(false);
            return entry is not null && entry.ExpiresUtc > nowUtc ? entry : null;
        }
        catch (Exception ex) when (Failed(ex))
        {
            return null;
        }
    }

    public async ValueTask<(CachedAnswer Entry, double Similarity)?> FindSimilarAsync(string scope, float[] vector, double threshold, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        if (!Reachable())
        {
            return null;
        }

        try
        {
            var index = await SyncAsync(scope, cancellationToken).ConfigureAwait(false);
            if (index.Best(vector, nowUtc.ToUnixTimeMilliseconds()) is not { } best || best.Similarity < threshold)
            {
                return null;
            }

            var entry = await ReadBodyAsync(best.Key, cancellationToken).ConfigureAwait(false);
            if (entry is null || entry.Scope != scope || entry.ExpiresUtc <= nowUtc)
            {
                index.Forget(best.Key); // gone, replaced by an answer of another scope, or garbage: not a candidate any more
                return null;
            }

            return (entry, best.Similarity);
        }
        catch (Exception ex) when (Failed(ex))
        {
            return null;
        }
    }

    public async ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken)
    {
        var ttl = entry.ExpiresUtc - _time.GetUtcNow();
        var body = RedisAnswerCodec.EncodeBody(entry);
        if (ttl <= TimeSpan.Zero || body.Length > RedisAnswerCodec.MaxBodyBytes || !Reachable())
        {
            return;
        }

        try
        {
            var db = _connection.Database;
            var scopeKey = ScopeKey(entry.Scope);

            // Body first: a replica that reads the stream entry can then fetch it (a body not yet
            // written is only a miss). Both go out pipelined on the one connection.
            var set = db.StringSetAsync(AnswerKey(entry.ExactKey), body, ttl);
            var add = db.StreamAddAsync(scopeKey, [new("k", entry.ExactKey), new("v", RedisAnswerCodec.VectorBytes(entry.Vector)), new("e", entry.ExpiresUtc.ToUnixTimeMilliseconds())], maxLength: (long)_maxEntries, useApproximateMaxLength: false);
            var expire = db.KeyExpireAsync(scopeKey, ttl);
            await Task.WhenAll(set, add, expire).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failed(ex))
        {
            // Not cached this time; the answer was already given.
        }
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    /// <summary>Reads the scope's stream entries this replica has not seen into its local index.</summary>
    private async Task<RedisScopeIndex> SyncAsync(string scope, CancellationToken cancellationToken)
    {
        var key = ScopeKey(scope);
        var created = false;
        var index = _scopes.GetOrAdd(key.ToString(), _ =>
        {
            created = true;
            return new RedisScopeIndex(_maxEntries);
        });
        index.LastUsed = _time.GetTimestamp();
        var added = 0;
        for (var round = 0; round <= (_maxEntries / ReadBatch) + 1; round++)
        {
            var read = await _connection.Database.StreamReadAsync(key, index.LastId, ReadBatch).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read.Length == 0)
            {
                break;
            }

            added += index.Append(read[^1].Id.ToString(), read.Select(Decode).OfType<(string, string, float[], long)>());
            if (read.Length < ReadBatch)
            {
                break;
            }
        }

        if (created || added > 0)
        {
            EvictIdleScopes(index);
        }

        return index;
    }

    private (string Id, string Key, float[] Vector, long ExpiresMs)? Decode(StreamEntry entry)
    {
        var key = entry["k"];
        var vector = RedisAnswerCodec.Vector((byte[]?)entry["v"]);
        if (key.IsNull || vector is null || !entry["e"].TryParse(out long expires))
        {
            Warn(ref _lastUnreadableWarning, detail => CacheLog.StoreUnreadable(_logger, _connection.Location, detail), "a scope stream entry lacks its key, vector or expiry");
            return null;
        }

        return (entry.Id.ToString(), key.ToString(), vector, expires);
    }

    /// <summary>Keeps this replica's copy within <c>max_entries</c> vectors and <see cref="MaxScopes"/> scopes, dropping the least recently used scopes (re-read in full if asked again).</summary>
    private void EvictIdleScopes(RedisScopeIndex current)
    {
        while (_scopes.Count > 1 && (_scopes.Count > MaxScopes || LocalVectors > _maxEntries))
        {
            var idle = _scopes.Where(s => !ReferenceEquals(s.Value, current)).MinBy(s => s.Value.LastUsed);
            _scopes.TryRemove(idle.Key, out _);
        }
    }

    private async Task<CachedAnswer?> ReadBodyAsync(string exactKey, CancellationToken cancellationToken)
    {
        var value = await _connection.Database.StringGetAsync(AnswerKey(exactKey)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (value.IsNull)
        {
            return null;
        }

        var entry = RedisAnswerCodec.DecodeBody((byte[])value!, exactKey);
        if (entry is null)
        {
            Warn(ref _lastUnreadableWarning, detail => CacheLog.StoreUnreadable(_logger, _connection.Location, detail), "an answer key holds a body of another shape or key");
        }

        return entry;
    }

    private bool Reachable()
    {
        if (_connection.IsConnected)
        {
            return true;
        }

        // Not connected: answer at once rather than queue behind the connection's timeout.
        _connection.CountFailure("cache");
        Warn(ref _lastUnavailableWarning, detail => CacheLog.StoreUnavailable(_logger, _connection.Location, detail), "not connected");
        return false;
    }

    /// <summary>Whether <paramref name="exception"/> is the store's problem (logged, then a miss), not the caller's cancellation.</summary>
    private bool Failed(Exception exception)
    {
        if (RedisStateConnection.IsUnavailable(exception))
        {
            _connection.CountFailure("cache");
            Warn(ref _lastUnavailableWarning, detail => CacheLog.StoreUnavailable(_logger, _connection.Location, detail), exception.Message);
            return true;
        }

        if (exception is RedisException or JsonException or NotSupportedException or InvalidCastException or FormatException or ArgumentException)
        {
            Warn(ref _lastUnreadableWarning, detail => CacheLog.StoreUnreadable(_logger, _connection.Location, detail), exception.Message);
            return true;
        }

        return false;
    }

    /// <summary>Logs through <paramref name="log"/> at most once per <see cref="WarnEvery"/>, so an outage is one line a minute, not one per request.</summary>
    private void Warn(ref long last, Action<string> log, string detail)
    {
        var now = _time.GetTimestamp();
        var seen = Interlocked.Read(ref last);
        if ((seen != long.MinValue && _time.GetElapsedTime(seen, now) < WarnEvery) || Interlocked.CompareExchange(ref last, now, seen) != seen)
        {
            return;
        }

        log(detail);
    }

    private RedisKey AnswerKey(string exactKey) => $"{_connection.KeyPrefix}:cache:answer:{Hash(exactKey)}";

    /// <summary>Scope and key are hashed, so any text (braces, newlines, megabytes) makes a short key in an ordinary hash slot.</summary>
    private RedisKey ScopeKey(string scope) => $"{_connection.KeyPrefix}:cache:scope:{Hash(scope)}";

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
