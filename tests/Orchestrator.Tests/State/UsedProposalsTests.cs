using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.State;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Tests.State;

/// <summary>Used confirmation proposals on Redis: shared by replicas, and no confirmation while the server cannot say.</summary>
public sealed class UsedProposalsTests
{
    private const string Secret = "a-shared-confirmation-secret-of-40-characters";
    private static readonly CallerIdentity Alice = new("NW-1001", "acme");
    private static readonly ProposedToolCall Call = new("create_it_ticket", new JsonObject { ["summary"] = "screen flickers" });

    [RedisFact]
    public async Task Two_replicas_on_one_redis_accept_a_proposal_once_in_all()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connectionA = RedisStateConnection.Open(redis.ConnectionString, "test");
        using var connectionB = RedisStateConnection.Open(redis.ConnectionString, "test");
        var a = Replica(new RedisUsedProposals(new Lazy<RedisStateConnection>(connectionA)));
        var b = Replica(new RedisUsedProposals(new Lazy<RedisStateConnection>(connectionB)));
        var token = Token(a.Sign(Call, "it-ticket", Alice));

        var first = a.Verify(token, "it-ticket", Alice, consume: true, out _);
        var second = b.Verify(token, "it-ticket", Alice, consume: true, out var problem);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Contains("not valid any more", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_confirms_nothing_and_says_to_try_again()
    {
        using var nowhere = new ClosedPort();
        using var connection = RedisStateConnection.Open($"127.0.0.1:{nowhere.Port},connectTimeout=200,syncTimeout=500", "test");
        var confirmations = Replica(new RedisUsedProposals(new Lazy<RedisStateConnection>(connection)));
        var token = Token(confirmations.Sign(Call, "it-ticket", Alice));

        var call = confirmations.Verify(token, "it-ticket", Alice, consume: true, out var problem);

        Assert.Null(call);
        Assert.Contains("could not be checked just now", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_variable_at_the_first_yes_confirms_nothing_instead_of_throwing()
    {
        var unset = new Lazy<RedisStateConnection>(() => RedisStateConnection.Open(new StateConfig { Provider = StateProviders.Redis, ConnectionEnv = "ORCH_TEST_UNSET_" + Guid.NewGuid().ToString("N") }));
        var confirmations = Replica(new RedisUsedProposals(unset));
        var token = Token(confirmations.Sign(Call, "it-ticket", Alice));

        var call = confirmations.Verify(token, "it-ticket", Alice, consume: true, out var problem);

        Assert.Null(call);
        Assert.Contains("could not be checked just now", problem, StringComparison.Ordinal);
    }

    private static ToolConfirmations Replica(IUsedProposals used) =>
        new(new ToolConfirmationConfig { SecretEnv = "SECRET" }, TimeProvider.System, name => name == "SECRET" ? Secret : null, used);

    private static string Token(string signed) => signed["[confirm:".Length..^1];
}
