using Microsoft.Extensions.Time.Testing;
using Orchestrator.AspNetCore;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Agents;

namespace Orchestrator.Tests.Serve.Responses;

/// <summary><c>server.stored_responses</c>: the store's bounds (time, characters, owner) and the section's parsing.</summary>
public sealed class StoredResponsesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private StoredResponses Store(int ttlSeconds = 60, long maxChars = 1_000) =>
        new(new ServeSettings { Server = new ServerConfig { StoredResponses = new StoredResponsesConfig { TtlSeconds = ttlSeconds, MaxChars = maxChars } } }, _time);

    private static ConversationTurn[] Turns(int chars) => [new(ConversationTurn.User, new string('q', chars / 2)), new(ConversationTurn.Assistant, new string('a', chars - (chars / 2)))];

    [Fact]
    public void A_kept_conversation_is_found_by_its_owner_only_until_it_expires()
    {
        var store = Store(ttlSeconds: 60);
        store.Keep("resp_1", "alice", Turns(10));

        Assert.Equal(2, store.Find("resp_1", "alice")!.Count);
        Assert.Null(store.Find("resp_1", "bob"));
        Assert.Null(store.Find("resp_2", "alice"));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(store.Find("resp_1", "alice"));
    }

    [Fact]
    public void The_oldest_conversations_go_when_the_character_budget_is_spent()
    {
        var store = Store(maxChars: 1_000);
        store.Keep("resp_1", "alice", Turns(400));
        store.Keep("resp_2", "alice", Turns(400));
        store.Keep("resp_3", "alice", Turns(400));
        store.Keep("resp_huge", "alice", Turns(1_001));

        Assert.Null(store.Find("resp_1", "alice"));
        Assert.NotNull(store.Find("resp_2", "alice"));
        Assert.NotNull(store.Find("resp_3", "alice"));
        Assert.Null(store.Find("resp_huge", "alice"));
    }

    [Fact]
    public void Nothing_is_kept_without_the_section()
    {
        var store = new StoredResponses(new ServeSettings(), _time);
        store.Keep("resp_1", "alice", Turns(10));

        Assert.False(store.Enabled);
        Assert.Null(store.Find("resp_1", "alice"));
    }

    [Theory]
    [InlineData("server: { stored_responses: { ttl_seconds: 120, max_chars: 5000 } }", 120, 5000)]
    [InlineData("server: { stored_responses: {} }", StoredResponsesConfig.DefaultTtlSeconds, StoredResponsesConfig.DefaultMaxChars)]
    public void The_section_is_read(string yaml, int ttl, long maxChars)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\n" + yaml);

        var result = fixture.Load();

        Assert.Empty(result.Errors);
        Assert.Equal(ttl, result.Config!.Server.StoredResponses!.TtlSeconds);
        Assert.Equal(maxChars, result.Config.Server.StoredResponses.MaxChars);
    }

    [Fact]
    public void The_section_is_off_by_default_and_bad_values_are_named()
    {
        using var off = new ConfigFixture();
        off.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml);
        using var bad = new ConfigFixture();
        bad.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\nserver: { stored_responses: { ttl_seconds: 0, max_entries: 5 } }");

        Assert.Null(off.Load().Config!.Server.StoredResponses);
        var errors = bad.Load().Errors;
        Assert.Contains(errors, e => e.Message.Contains("ttl_seconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("max_entries", StringComparison.Ordinal));
    }
}
