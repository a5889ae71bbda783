using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Cli;

/// <summary>A misconfiguration that only the start of <c>serve</c> finds is a one-line error and exit code 2, not a crash.</summary>
public sealed class ServeStartupErrorCliTests
{
    // Never set anywhere: the test needs the variable unset.
    private const string UnsetVariable = "ORCHESTRATOR_TEST_NEVER_SET_REDIS_37";

    [Fact]
    public async Task Serve_with_the_redis_variable_unset_exits_2_naming_the_variable()
    {
        Assert.Null(Environment.GetEnvironmentVariable(UnsetVariable));
        using var deployment = new MiniDeployment($"state: {{ provider: redis, connection_env: {UnsetVariable} }}");

        // Only a guard against a hang if the start were to succeed; the assertions do not depend on it.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await CliRunner.RunAsync(deployment.Root, null, guard.Token, "--config", deployment.ConfigFile, "serve", "--urls", "http://127.0.0.1:0");

        Assert.False(guard.IsCancellationRequested, "serve started instead of refusing the configuration");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: state.provider is redis but the environment variable {UnsetVariable}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_port_another_process_holds_says_so_and_exits_1()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        using var deployment = new MiniDeployment();

        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await CliRunner.RunAsync(deployment.Root, null, guard.Token, "--config", deployment.ConfigFile, "serve", "--urls", $"http://127.0.0.1:{port}");

        Assert.False(guard.IsCancellationRequested, "serve started on a port that was taken");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("address already in use", result.Error, StringComparison.Ordinal);
        Assert.Contains("another process listens on that port", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("file's permissions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_whose_warm_up_fails_stops_and_exits_1_with_the_reason_so_a_supervisor_restarts_it()
    {
        using var deployment = new MiniDeployment();
        Directory.CreateDirectory(Path.GetDirectoryName(deployment.StoreFile)!);
        await File.WriteAllBytesAsync(deployment.StoreFile, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray());

        // Only a guard: before the fix serve stayed up, alive and unready, until this cancelled it (exit 0).
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await CliRunner.RunAsync(deployment.Root, null, guard.Token, "--config", deployment.ConfigFile, "serve", "--urls", "http://127.0.0.1:0");

        Assert.False(guard.IsCancellationRequested, "serve kept running after its warm-up failed");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: the warm-up failed, so serve stopped", result.Error, StringComparison.Ordinal);
        Assert.Contains("store.db", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
