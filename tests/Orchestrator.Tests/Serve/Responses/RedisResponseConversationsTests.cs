using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.AspNetCore;
using Orchestrator.Configuration;
using Orchestrator.State;
using Orchestrator.Tests.Support;
using StackExchange.Redis;

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>
/// <c>server.stored_responses</c> on the <c>state:</c> Redis server: two stores on one real <c>redis-server</c> stand for
/// two replicas; the owner check, the TTL (on a fake clock), the per-entry bound, sealing, and an unreachable server.
/// </summary>
public sealed class RedisResponseConversationsTests
{
    private const string Alice = "acme-key\nacme\nNW-1001";
    private const string Question = "my salary is 91,000 and my manager is Dana";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private static ConversationTurn[] Turns(string question) => [new(ConversationTurn.User, question), new(ConversationTurn.Assistant, "noted")];

    private RedisResponseConversations Store(RedisServer redis, string prefix, int ttlSeconds = 60, long maxChars = 1_000) => new(
        new ServeSettings { Server = new ServerConfig { StoredResponses = new StoredResponsesConfig { TtlSeconds = ttlSeconds, MaxChars = maxChars } } },
        new Lazy<RedisStateConnection>(() => RedisStateConnection.Open(redis.ConnectionString, prefix)),
        _time,
        NullLogger<RedisResponseConversations>.Instance);

    private static string Prefix() => "orch-test-" + Guid.NewGuid().ToString("N")[..8];

    [RedisFact]
    public async Task A_conversation_kept_by_one_replica_is_found_by_another_for_its_owner_only()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = Prefix();
        using var a = Store(redis, prefix);
        using var b = Store(redis, prefix);

        await a.KeepAsync("resp_1", Alice, Turns(Question), CancellationToken.None);

        var found = await b.FindAsync("resp_1", Alice, CancellationToken.None);
        Assert.Equal(Turns(Question), found);
        Assert.Null(await b.FindAsync("resp_1", "globex-key\nglobex\n", CancellationToken.None));
        Assert.Null(await b.FindAsync("resp_1", "acme-key\nacme\nNW-1002", CancellationToken.None));
        Assert.Null(await b.FindAsync("resp_2", Alice, CancellationToken.None));
    }

    [RedisFact]
    public async Task An_entry_expires_after_ttl_seconds_on_the_hosts_clock_and_on_the_server()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = Prefix();
        using var store = Store(redis, prefix, ttlSeconds: 60);
        await store.KeepAsync("resp_1", Alice, Turns(Question), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await store.FindAsync("resp_1", Alice, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.FindAsync("resp_1", Alice, CancellationToken.None));

        // The server drops it too: its key carries the same TTL.
        using var direct = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = Assert.Single(direct.GetServer(direct.GetEndPoints()[0]).Keys(pattern: prefix + ":responses:*"));
        var ttl = await direct.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [RedisFact]
    public async Task A_conversation_over_max_chars_is_not_kept()
    {
        await using var redis = await RedisServer.StartAsync();
        using var store = Store(redis, Prefix(), maxChars: 1_000);

        await store.KeepAsync("resp_big", Alice, Turns(new string('q', 996)), CancellationToken.None);
        await store.KeepAsync("resp_fits", Alice, Turns(new string('q', 995)), CancellationToken.None);

        Assert.Null(await store.FindAsync("resp_big", Alice, CancellationToken.None));
        Assert.NotNull(await store.FindAsync("resp_fits", Alice, CancellationToken.None));
    }

    [RedisFact]
    public async Task Redis_holds_neither_the_words_nor_the_response_id_in_clear()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = Prefix();
        using var store = Store(redis, prefix);
        await store.KeepAsync("resp_0123456789abcdef", Alice, Turns(Question), CancellationToken.None);

        using var direct = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = Assert.Single(direct.GetServer(direct.GetEndPoints()[0]).Keys(pattern: prefix + ":*"));
        var value = (string)(await direct.GetDatabase().StringGetAsync(key))!;
        foreach (var clear in new[] { "salary", "Dana", "noted", "NW-1001", "resp_0123456789abcdef" })
        {
            Assert.DoesNotContain(clear, value, StringComparison.Ordinal);
            Assert.DoesNotContain(clear, key.ToString(), StringComparison.Ordinal);
        }
    }

    [RedisFact]
    public async Task An_unreachable_server_skips_keeping_and_makes_a_continuation_a_503_without_detail()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = Prefix();
        using var store = Store(redis, prefix);
        await store.KeepAsync("resp_1", Alice, Turns(Question), CancellationToken.None);
        await redis.StopAsync();

        await store.KeepAsync("resp_2", Alice, Turns(Question), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ApiException>(async () => await store.FindAsync("resp_1", Alice, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Status);
        Assert.Equal("previous_response_id", refused.Param);
        Assert.Contains("unreachable", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", refused.Message, StringComparison.Ordinal);
    }
}
