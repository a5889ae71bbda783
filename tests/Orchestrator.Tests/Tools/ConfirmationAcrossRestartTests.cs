using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.State;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// A proposal signed before a restart and confirmed after it. With a shared <c>secret_env</c> and used proposals kept in
/// memory, the restarted process forgot which were used, so before the fix a "yes" already answered ran its tool a second
/// time; now the user is told the confirmation expired and to ask again. On Redis the used ones survive the restart.
/// </summary>
public sealed class ConfirmationAcrossRestartTests
{
    private const string Secret = "a-shared-confirmation-secret-of-40-characters";
    private static readonly CallerIdentity Alice = new("NW-1001", "acme");
    private static readonly ProposedToolCall Call = new("create_it_ticket", new JsonObject { ["summary"] = "screen flickers" });

    [Fact]
    public void In_memory_state_with_a_shared_secret_refuses_a_used_and_a_pending_proposal_after_a_restart_as_expired()
    {
        var before = SharedSecret(new InMemoryUsedProposals());
        var used = Token(before.Sign(Call, "it-ticket", Alice));
        var pending = Token(before.Sign(Call, "it-ticket", Alice));
        Assert.NotNull(before.Verify(used, "it-ticket", Alice, consume: true, out _));

        var after = SharedSecret(new InMemoryUsedProposals()); // the restarted process
        var replayed = after.Verify(used, "it-ticket", Alice, consume: true, out var replayProblem);
        var confirmed = after.Verify(pending, "it-ticket", Alice, consume: true, out var pendingProblem);
        var fresh = Token(after.Sign(Call, "it-ticket", Alice));

        Assert.Null(replayed);
        Assert.Null(confirmed);
        Assert.Equal("That confirmation expired when the service restarted, so nothing was done. Please ask again.", replayProblem);
        Assert.Equal(replayProblem, pendingProblem);
        Assert.NotNull(after.Verify(fresh, "it-ticket", Alice, consume: true, out _)); // asking again works
    }

    [Fact]
    public void A_per_process_secret_refuses_a_proposal_from_before_the_restart_and_says_to_ask_again()
    {
        var token = Token(new ToolConfirmations().Sign(Call, "it-ticket", Alice));

        var call = new ToolConfirmations().Verify(token, "it-ticket", Alice, consume: true, out var problem);

        Assert.Null(call);
        Assert.Contains("expired", problem, StringComparison.Ordinal);
        Assert.Contains("Please ask again", problem, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task On_redis_a_pending_proposal_survives_the_restart_once_and_a_used_one_stays_used()
    {
        await using var redis = await RedisServer.StartAsync();
        string used, pending;
        using (var connection = RedisStateConnection.Open(redis.ConnectionString, "test"))
        {
            var before = SharedSecret(new RedisUsedProposals(new Lazy<RedisStateConnection>(connection)));
            used = Token(before.Sign(Call, "it-ticket", Alice));
            pending = Token(before.Sign(Call, "it-ticket", Alice));
            Assert.NotNull(before.Verify(used, "it-ticket", Alice, consume: true, out _));
        }

        using var reopened = RedisStateConnection.Open(redis.ConnectionString, "test");
        var after = SharedSecret(new RedisUsedProposals(new Lazy<RedisStateConnection>(reopened)));

        Assert.Null(after.Verify(used, "it-ticket", Alice, consume: true, out var problem));
        Assert.Contains("not valid any more", problem, StringComparison.Ordinal);
        Assert.NotNull(after.Verify(pending, "it-ticket", Alice, consume: true, out _));
        Assert.Null(after.Verify(pending, "it-ticket", Alice, consume: true, out _));
    }

    private static ToolConfirmations SharedSecret(IUsedProposals used) =>
        new(new ToolConfirmationConfig { SecretEnv = "SECRET" }, TimeProvider.System, name => name == "SECRET" ? Secret : null, used);

    private static string Token(string signed) => signed["[confirm:".Length..^1];
}
