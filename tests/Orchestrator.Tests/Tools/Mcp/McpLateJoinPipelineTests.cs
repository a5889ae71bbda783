using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>A deployment whose MCP sidecar starts after the orchestrator: the agent that lists its tool works once it is up.</summary>
public sealed class McpLateJoinPipelineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_agent_of_a_sidecar_that_starts_late_answers_through_its_tool_once_it_is_up()
    {
        var down = Path.Combine(_dir.Path, "down");
        File.WriteAllText(down, "");
        var script = _dir.Write("sidecar.sh", $"if [ -e '{down}' ]; then exit 3; fi\nexec dotnet '{McpTestServers.SampleServerDll}'\n");
        _dir.Write("agents/orders.yaml", McpDeploymentFixture.OrdersAgentYaml);
        var config = _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
            mcp_servers:
              orders: { command: sh, args: [ "{{script}}" ], timeout_seconds: 120 }
            agents: agents/
            """);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", CultureInfo.InvariantCulture));
        var status = new McpDeploymentFixture.StatusLines();
        await using var runtime = await TestRuntimes.StartAsync(config, new RuntimeOptions { Status = status, TimeProvider = clock });
        var question = new OrchestratorRequest("What is the status of order A-1001?", "orders");

        Assert.Contains(status.Lines, l => l.StartsWith("warning: MCP server 'orders' is unavailable: ", StringComparison.Ordinal));
        var before = await runtime.Pipeline.AskAsync(question);
        Assert.Empty(before.ToolCalls);
        Assert.Equal("specialist_failed", before.Escalation.Reason);

        // One retry is due on the fake clock; its real-time connect bound (timeout_seconds) only stops a hang, as a
        // dotnet server's start on a loaded machine can take many seconds, and a failed retry waits for a clock that stands still.
        File.Delete(down);
        clock.Advance(TimeSpan.FromSeconds(5));
        var waited = Stopwatch.StartNew();
        while (runtime.McpTools!.Connections.Count == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "the sidecar did not join");
            await Task.Delay(20);
        }

        var after = await runtime.Pipeline.AskAsync(question);
        var call = Assert.Single(after.ToolCalls);
        Assert.Equal("get_order_status", call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Contains("shipped on 3 March", after.Answer, StringComparison.Ordinal);
    }
}
