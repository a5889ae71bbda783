using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Caching;
using Orchestrator.Models;
using Orchestrator.State;
using Orchestrator.Tests.State;
using Orchestrator.Tests.Support;
using StackExchange.Redis;

namespace Orchestrator.Tests.Caching;

/// <summary>
/// What only the Redis store has to survive, on a real redis-server: foreign data under its keys,
/// the server going away and coming back, answers too large to share, and bounded local indexes.
/// </summary>
public sealed class RedisAnswerCacheStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    [RedisFact]
    public async Task Garbage_under_our_keys_is_a_miss_with_a_warning_never_a_crash()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Open(server);
        await store.SetAsync(Entry("k1", "s", Axis(0)), default);
        using var raw = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var db = raw.GetDatabase();
        var answerKey = Keys(raw, server, "test:cache:answer:*").Single();
        var scopeKey = Keys(raw, server, "test:cache:scope:*").Single();

        foreach (var garbage in new RedisValue[] { "not json", "{\"answer\": 1}", "{\"key\":\"k1\",\"scope\":\"s\",\"expires_ms\":-5}", new byte[] { 0xff, 0xfe, 0 } })
        {
            await db.StringSetAsync(answerKey, garbage);
            Assert.Null(await store.GetExactAsync("k1", Now, default));
        }

        await db.KeyDeleteAsync(answerKey);
        await db.HashSetAsync(answerKey, "f", "v"); // WRONGTYPE for GET
        Assert.Null(await store.GetExactAsync("k1", Now, default));
        Assert.Null(await store.FindSimilarAsync("s", Axis(0), 0.9, Now, default));

        // Stream entries that are not ours are skipped; ours after them still answer.
        await db.StreamAddAsync(scopeKey, [new("k", "k9"), new("v", "abc"), new("e", "soon")]);
        await db.StreamAddAsync(scopeKey, [new("x", "y")]);
        await db.StreamAddAsync(scopeKey, [new("k", "k8"), new("v", new byte[] { 0, 0, 0xc0, 0x7f }), new("e", "99999999999999")]); // NaN
        await store.SetAsync(Entry("k2", "s", Axis(1)), default);
        using var replica = Open(server);
        Assert.Equal("k2", (await replica.FindSimilarAsync("s", Axis(1), 0.9, Now, default))!.Value.Entry.ExactKey);

        // A scope key that is not a stream at all.
        await db.KeyDeleteAsync(scopeKey);
        await db.StringSetAsync(scopeKey, "garbage");
        using var fresh = Open(server);
        Assert.Null(await fresh.FindSimilarAsync("s", Axis(1), 0.9, Now, default));

        // One warning a minute per replica, however much garbage it met: the first store, the replica, the fresh one.
        Assert.Equal(3, _logs.Lines.Count(l => l.Contains("holds data under its keys that is not a cached answer", StringComparison.Ordinal)));
    }

    [RedisFact]
    public async Task Redis_down_is_a_miss_with_one_warning_a_minute_and_a_restart_recovers()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Open(server);
        await store.SetAsync(Entry("k1", "s", Axis(0)), default);
        Assert.NotNull(await store.GetExactAsync("k1", Now, default));

        await server.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await store.GetExactAsync("k1", Now, default));
            Assert.Null(await store.FindSimilarAsync("s", Axis(0), 0.9, Now, default));
            await store.SetAsync(Entry("k2", "s", Axis(1)), default); // skipped, never thrown
        }

        Assert.Single(_logs.Lines, IsUnreachable);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await store.GetExactAsync("k1", Now, default));
        Assert.Equal(2, _logs.Lines.Count(IsUnreachable));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Exception", StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal));

        await server.RestartAsync();
        await RedisStateHarness.EventuallyAsync(async () => await store.GetExactAsync("k1", Now, default) is not null);
        await store.SetAsync(Entry("k3", "s", Axis(2)), default);
        using var other = Open(server);
        Assert.Equal("k3", (await other.FindSimilarAsync("s", Axis(2), 0.9, Now, default))!.Value.Entry.ExactKey);
        Assert.Equal("k1", (await other.FindSimilarAsync("s", Axis(0), 0.9, Now, default))!.Value.Entry.ExactKey);
    }

    [RedisFact]
    public async Task An_unreachable_server_at_start_up_is_a_miss_not_an_error()
    {
        using var nowhere = new ClosedPort();
        using var store = new RedisAnswerCacheStore(RedisStateConnection.Open($"127.0.0.1:{nowhere.Port}", "test"), ownsConnection: true, 100, _time, Logger());

        await store.SetAsync(Entry("k1", "s", Axis(0)), default);

        Assert.Null(await store.GetExactAsync("k1", Now, default));
        Assert.Null(await store.FindSimilarAsync("s", Axis(0), 0.5, Now, default));
        Assert.Single(_logs.Lines, IsUnreachable);
    }

    [RedisFact]
    public async Task An_answer_too_large_to_share_is_not_stored_and_a_large_one_is()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Open(server);

        await store.SetAsync(Entry("huge", "s", Axis(0), new string('x', RedisAnswerCodec.MaxBodyBytes + 1)), default);
        await store.SetAsync(Entry("large", "s", Axis(1), new string('y', 300_000)), default);

        Assert.Null(await store.GetExactAsync("huge", Now, default));
        Assert.Null(await store.FindSimilarAsync("s", Axis(0), 0.9, Now, default));
        using var replica = Open(server);
        Assert.Equal(300_000, (await replica.GetExactAsync("large", Now, default))!.Response.Answer.Length);
    }

    [RedisFact]
    public async Task A_replica_holds_at_most_max_entries_vectors_over_all_scopes_and_rereads_an_evicted_scope()
    {
        await using var server = await RedisServer.StartAsync();
        using var writer = Open(server, maxEntries: 3);
        using var reader = Open(server, maxEntries: 3);
        await writer.SetAsync(Entry("a1", "s1", Axis(0)), default);
        await writer.SetAsync(Entry("a2", "s1", Axis(1)), default);
        await writer.SetAsync(Entry("b1", "s2", Axis(2)), default);
        await writer.SetAsync(Entry("b2", "s2", Axis(3)), default);

        Assert.NotNull(await reader.FindSimilarAsync("s1", Axis(0), 0.9, Now, default));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await reader.FindSimilarAsync("s2", Axis(2), 0.9, Now, default));
        Assert.Equal(2, reader.LocalVectors); // s1 was evicted to stay within 3

        Assert.NotNull(await reader.FindSimilarAsync("s1", Axis(1), 0.9, Now, default));
        Assert.InRange(reader.LocalVectors, 1, 3);
    }

    [RedisFact]
    public async Task A_replica_reads_each_stream_entry_once()
    {
        await using var server = await RedisServer.StartAsync();
        using var writer = Open(server);
        using var reader = Open(server);
        await writer.SetAsync(Entry("k1", "s", Axis(0)), default);
        await writer.SetAsync(Entry("k2", "s", Axis(1)), default);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => reader.FindSimilarAsync("s", Axis(0), 0.9, Now, default).AsTask()));
        await writer.SetAsync(Entry("k3", "s", Axis(2)), default);
        Assert.Equal("k3", (await reader.FindSimilarAsync("s", Axis(2), 0.9, Now, default))!.Value.Entry.ExactKey);

        Assert.Equal(3, reader.LocalVectors);
    }

    private static bool IsUnreachable(string line) => line.Contains("is unreachable; answering without the cache", StringComparison.Ordinal);

    private static List<RedisKey> Keys(ConnectionMultiplexer raw, RedisServer server, string pattern) =>
        [.. raw.GetServer(server.ConnectionString).Keys(pattern: pattern)];

    private ILogger Logger() => _logs.CreateLogger("cache");

    private RedisAnswerCacheStore Open(RedisServer server, int maxEntries = 100) =>
        new(RedisStateConnection.Open(server.ConnectionString, "test"), ownsConnection: true, maxEntries, _time, Logger());

    private CachedAnswer Entry(string key, string scope, float[] vector, string answer = "An answer.") => new(
        key, scope, vector,
        new OrchestratorResponse
        {
            Answer = answer,
            Route = new RouteInfo { Agent = "facilities", Confidence = 0.9, Candidates = [], OutOfScope = false },
            Guardian = new GuardianInfo { Passed = true, Checks = [] },
            Escalation = new EscalationInfo { Needed = false, Performed = false },
            Cost = new CostInfo(),
            TimingsMs = new TimingsInfo(),
        },
        Now.AddHours(1));

    private static float[] Axis(int axis)
    {
        var v = new float[8];
        v[axis] = 1;
        return VectorMath.Normalize(v);
    }
}
