using Orchestrator.Caching;
using Orchestrator.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Caching;

/// <summary>
/// The answer cache store conformance suite on <see cref="RedisAnswerCacheStore"/>: a real
/// redis-server on loopback, written by one replica's store and read by another's.
/// </summary>
[NeedsRedisServer]
public sealed class RedisAnswerCacheStoreConformanceTests : AnswerCacheStoreConformanceTests
{
    private RedisServer? _server;

    public override async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    internal override (IAnswerCacheStore Writer, IAnswerCacheStore Reader) OpenStores(int maxEntries) =>
        (Open(maxEntries), Open(maxEntries));

    private RedisAnswerCacheStore Open(int maxEntries) =>
        new(RedisStateConnection.Open(_server!.ConnectionString, "test"), ownsConnection: true, maxEntries, Time, null);
}
