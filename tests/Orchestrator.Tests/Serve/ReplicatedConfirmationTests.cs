using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Serve.TicketConfirmationServer;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// Two replicas behind one load balancer, as the README sets them up: one shared confirmation
/// secret and <c>state.provider: redis</c>. A "yes" to a proposal runs its call once in all, not
/// once per replica that the same "yes" reaches (redteam34: used proposals were remembered per process).
/// </summary>
public sealed class ReplicatedConfirmationTests
{
    [RedisFact]
    public async Task A_yes_replayed_to_another_replica_runs_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var redisVariable = "ORCH_TEST_CONFIRM_REDIS_" + suffix;
        var secretVariable = "ORCH_TEST_CONFIRM_SECRET_" + suffix;
        Environment.SetEnvironmentVariable(redisVariable, redis.ConnectionString);
        Environment.SetEnvironmentVariable(secretVariable, "a-shared-confirmation-secret-of-40-characters");
        using var dir = new TempDirectory();
        try
        {
            await using var a = await EditedSample.StartAsync(dir.Path, (path, text) => path.EndsWith("orchestrator.yaml", StringComparison.Ordinal)
                ? text + $"\nstate: {{ provider: redis, connection_env: {redisVariable} }}\ntool_confirmation: {{ secret_env: {secretVariable} }}\n"
                : text);
            var loaded = ConfigLoader.Load(a.Config.ConfigFile!, BuiltInTools.ValidationContext());
            await using var b = await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
            await using var serverA = await LoopbackServer.StartAsync(a, Keys());
            await using var serverB = await LoopbackServer.StartAsync(b, Keys());

            var proposal = await ChatAsync(serverA, ("user", Ask));
            Assert.Contains("[confirm:", proposal, StringComparison.Ordinal);
            var filed = await ChatAsync(serverA, ("user", Ask), ("assistant", proposal), ("user", "yes"));
            var replayed = await ChatAsync(serverB, ("user", Ask), ("assistant", proposal), ("user", "yes"));

            Assert.Matches("Created ticket IT-[0-9]{6}", filed);
            Assert.DoesNotMatch("IT-[0-9]{6}", replayed);
            Assert.Contains("not valid any more", replayed, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(redisVariable, null);
            Environment.SetEnvironmentVariable(secretVariable, null);
        }
    }
}
