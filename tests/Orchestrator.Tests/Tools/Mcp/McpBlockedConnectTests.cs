using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// A connection attempt can block its thread for good: the CI test host once hung in the SDK's first write to a
/// stdio server's stdin, racing with the pipe's disposal as the server exited (the runtime spun in
/// <c>Socket.Dispose</c> under <c>SafePipeHandle.CreatePipeSocket</c>). Cancellation cannot reach a blocked thread,
/// so the caller must get "unavailable" after <c>timeout_seconds</c> while the attempt is still stuck.
/// </summary>
public sealed class McpBlockedConnectTests
{
    [Fact]
    public async Task A_connect_attempt_that_blocks_its_thread_is_given_up_after_timeout_seconds()
    {
        using var gate = new ManualResetEventSlim();
        var returned = 0;
        var config = new McpServerConfig
        {
            Name = "stuck",
            Command = "sh",
            Args = ["-c", "exit 3"],
            Env = new Dictionary<string, string> { ["STUCK"] = "${MCP_STUCK}" },
            TimeoutSeconds = 1,
        };

        // The transport reads the environment on the attempt's thread: blocking here stands in for the runtime's spin.
        var options = new McpConnectOptions
        {
            Environment = name =>
            {
                if (name != "MCP_STUCK")
                {
                    return null;
                }

                gate.Wait(TimeSpan.FromMinutes(1));
                Volatile.Write(ref returned, 1);
                return "1";
            },
        };

        var failure = await Assert.ThrowsAsync<ToolUnavailableException>(() => Task.Run(() => McpServerConnection.ConnectAsync(config, options)));
        var blockedAtTheAnswer = Volatile.Read(ref returned) == 0;
        gate.Set();

        Assert.True(blockedAtTheAnswer, "the caller waited for the blocked attempt instead of giving up after timeout_seconds");
        Assert.Contains("MCP server 'stuck' is unavailable: no answer within 1 s while connecting", failure.Message, StringComparison.Ordinal);
    }
}
