using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;
using static Orchestrator.Tests.Tools.Mcp.McpTestTools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// Servers that go away after warm-up: a stdio process that is killed, an HTTP server that stops
/// and comes back. The connection reconnects on the next call; a read-only call is retried, a call
/// to a tool that may change things is not.
/// </summary>
public sealed class McpReconnectTests : IDisposable
{
    private static readonly Dictionary<string, string> TokenEnv = new() { ["SHOP_TOKEN"] = McpTestServers.Token };
    private readonly SwitchableStdioServer _server = new();

    public void Dispose() => _server.Dispose();

    private McpServerConfig KillableStdio() => _server.Config();

    private IReadOnlyList<int> Starts() => _server.Starts;

    private int Attempts() => _server.Attempts;

    private async Task KillLatestServerAsync(McpServerConnection connection)
    {
        using var process = Process.GetProcessById(Starts()[^1]);
        process.Kill();
        await process.WaitForExitAsync();
        var waited = Stopwatch.StartNew();
        while (connection.IsConnected && waited.Elapsed < TimeSpan.FromMinutes(1)) // bounds a hang only
        {
            await Task.Delay(20);
        }

        Assert.False(connection.IsConnected, "the client did not notice that its server process exited");
    }

    [Fact]
    public async Task A_killed_stdio_server_is_restarted_by_the_next_call()
    {
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), KillableStdio());
        await using var _ = source;
        var connection = Assert.Single(source.Connections);
        var executor = new ToolExecutor();
        Assert.True((await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""))).Ok);

        await KillLatestServerAsync(connection);
        var outcome = await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1002"}"""));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("Order A-1002 is being packed.", outcome.Result);
        Assert.Equal(2, Starts().Count);
        Assert.Equal(1, connection.Reconnects);
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task Concurrent_calls_to_a_dead_server_start_it_once()
    {
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), KillableStdio());
        await using var _ = source;
        var connection = Assert.Single(source.Connections);
        await KillLatestServerAsync(connection);

        var executor = new ToolExecutor();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1003"}"""))));

        Assert.All(outcomes, o => Assert.Equal("Order A-1003 is cancelled by the customer.", o.Result));
        Assert.Equal(2, Starts().Count);
        Assert.Equal(1, connection.Reconnects);
    }

    [Fact]
    public async Task A_tool_that_may_change_things_reaches_the_restarted_server_when_the_loss_was_known_before_the_call()
    {
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), KillableStdio());
        await using var _ = source;
        var connection = Assert.Single(source.Connections);

        await KillLatestServerAsync(connection);
        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("refund_order"), Args("""{"order_id":"A-1001"}"""));

        // The sample's refund tool always answers with an error result: the server's own text shows the call got there.
        Assert.False(outcome.Ok);
        Assert.Contains("refunds for A-1001 need a supervisor", outcome.Result, StringComparison.Ordinal);
        Assert.Equal(1, connection.Reconnects);
    }

    [Fact]
    public async Task A_server_that_stays_down_fails_fast_and_is_tried_again_only_after_the_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new McpConnectOptions { TimeProvider = clock, ReconnectInterval = TimeSpan.FromSeconds(30) };
        var (registry, source) = await McpTestServers.ConnectAsync(options, KillableStdio());
        await using var _ = source;
        var connection = Assert.Single(source.Connections);
        await KillLatestServerAsync(connection);

        // The server's program is gone: every start now exits at once.
        _server.Down = true;
        var executor = new ToolExecutor();
        var first = await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));
        var second = await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));
        Assert.Equal(2, Attempts());   // warm-up, then the first call's one try; the second call, inside the interval, tried nothing
        _server.Down = false;

        Assert.False(first.Ok);
        Assert.False(second.Ok);
        Assert.StartsWith("error: MCP server 'orders' is unavailable: its connection was lost and reconnecting failed", second.Result, StringComparison.Ordinal);
        Assert.DoesNotContain(McpTestServers.SampleServerDll, second.Result, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(31));
        var third = await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));
        Assert.True(third.Ok, third.Result);
        Assert.Equal(3, Attempts());
        Assert.Equal(2, Starts().Count);
    }

    [Fact]
    public async Task A_restarted_http_server_answers_calls_again()
    {
        var server = await HttpMcpServer.StartAsync();
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(TokenEnv), McpTestServers.Http(server.Url));
        await using var _ = source;
        var executor = new ToolExecutor();
        Assert.True((await executor.ExecuteAsync(registry.Get("check_stock"), Args("""{"sku":"SKU-123"}"""))).Ok);

        var port = server.Url.Port;
        await server.DisposeAsync();
        await using var restarted = await HttpMcpServer.StartAsync(port);
        var outcome = await executor.ExecuteAsync(registry.Get("check_stock"), Args("""{"sku":"SKU-123","warehouse":2}"""));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("SKU-123: 42 units in warehouse 2.", outcome.Result);
    }

    private const string OneToolOfEachKind = """
        {"tools":[
          {"name":"look_up","inputSchema":{"type":"object"},"annotations":{"readOnlyHint":true}},
          {"name":"pay_invoice","inputSchema":{"type":"object"}}
        ]}
        """;

    [Fact]
    public async Task A_read_only_call_whose_connection_breaks_under_it_is_retried_on_a_new_connection()
    {
        var calls = new StrongBox<int>(0);
        await using var server = await RawMcpServer.StartAsync(OneToolOfEachKind, calls: calls, dropCalls: new StrongBox<int>(1));
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("look_up"), Args("{}"));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("ok", outcome.Result);
        Assert.Equal(2, calls.Value);
        Assert.Equal(1, Assert.Single(source.Connections).Reconnects);
    }

    [Fact]
    public async Task A_call_that_may_change_things_is_not_repeated_when_the_connection_breaks_under_it()
    {
        var calls = new StrongBox<int>(0);
        await using var server = await RawMcpServer.StartAsync(OneToolOfEachKind, calls: calls, dropCalls: new StrongBox<int>(1));
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;
        var executor = new ToolExecutor();

        var outcome = await executor.ExecuteAsync(registry.Get("pay_invoice"), Args("{}"));

        Assert.False(outcome.Ok);
        Assert.Equal(
            "error: MCP server 'raw' could not run 'pay_invoice': the connection was lost during the call, and it was not retried because the tool may change things; the next call reconnects",
            outcome.Result);
        Assert.Equal(1, calls.Value);

        var next = await executor.ExecuteAsync(registry.Get("pay_invoice"), Args("{}"));
        Assert.True(next.Ok, next.Result);
        Assert.Equal(2, calls.Value);
        Assert.Equal(1, Assert.Single(source.Connections).Reconnects);
    }
}
