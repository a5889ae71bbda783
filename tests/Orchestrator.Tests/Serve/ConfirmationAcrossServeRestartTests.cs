using Orchestrator.Cli.SampleTools;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Serve.TicketConfirmationServer;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// The sample served with a shared confirmation secret and the default in-memory state, restarted between a proposal and
/// its "yes": before the fix the restarted server ran a "yes" it had already carried out a second time (a second ticket);
/// now both the replayed and the pending confirmation get a 200 that says it expired and to ask again, and run nothing.
/// </summary>
public sealed class ConfirmationAcrossServeRestartTests
{
    private const string Expired = "That confirmation expired when the service restarted, so nothing was done. Please ask again.";

    [Fact]
    public async Task After_a_restart_a_used_and_a_pending_confirmation_run_nothing_and_say_to_ask_again()
    {
        var secretVariable = "ORCH_TEST_RESTART_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(secretVariable, "a-shared-confirmation-secret-of-40-characters");
        using var dir = new TempDirectory();
        try
        {
            var before = await EditedSample.StartAsync(dir.Path, (path, text) => path.EndsWith("orchestrator.yaml", StringComparison.Ordinal)
                ? text + $"\ntool_confirmation: {{ secret_env: {secretVariable} }}\n"
                : text);
            var server = await LoopbackServer.StartAsync(before, Keys());
            var proposal = await ChatAsync(server, ("user", Ask));
            var pending = await ChatAsync(server, ("user", Ask));
            var filed = await ChatAsync(server, ("user", Ask), ("assistant", proposal), ("user", "yes"));
            var configFile = before.Config.ConfigFile!;
            await server.DisposeAsync(); // the restart: the process's memory goes
            await before.DisposeAsync();

            var loaded = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext());
            await using var after = await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) });
            await using var restarted = await LoopbackServer.StartAsync(after, Keys());
            var replayed = await ChatAsync(restarted, ("user", Ask), ("assistant", proposal), ("user", "yes"));
            var confirmed = await ChatAsync(restarted, ("user", Ask), ("assistant", pending), ("user", "yes"));

            Assert.Matches("Created ticket IT-[0-9]{6}", filed);
            Assert.DoesNotMatch("IT-[0-9]{6}", replayed);
            Assert.DoesNotMatch("IT-[0-9]{6}", confirmed);
            Assert.Contains(Expired, replayed, StringComparison.Ordinal);
            Assert.Contains(Expired, confirmed, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretVariable, null);
        }
    }
}
