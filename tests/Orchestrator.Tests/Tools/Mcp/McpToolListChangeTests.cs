using System.Diagnostics;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;
using static Orchestrator.Tests.Tools.Mcp.McpTestTools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// A stdio server (the sample, through <see cref="SwitchableStdioServer"/>) whose tool list changes while it
/// runs: it announces <c>notifications/tools/list_changed</c>, or drops and comes back with another list.
/// The registry follows: new tools become callable, vanished ones go, names others hold stay theirs.
/// </summary>
public sealed class McpToolListChangeTests : IDisposable
{
    private readonly SwitchableStdioServer _server = new();

    public void Dispose() => _server.Dispose();

    private static McpConnectOptions Options() => new() { ToolListRefreshDelay = TimeSpan.Zero };

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"gave up waiting: {what}");
            await Task.Delay(20);
        }
    }

    private static string[] Group(ToolRegistry registry) => [.. registry.ForAgent(["mcp:orders"]).Select(t => t.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_tool_the_server_adds_after_start_is_callable_after_its_notification()
    {
        _server.Offer("get_order_status");
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), _server.Config());
        await using var _ = source;
        Assert.Equal(["get_order_status"], Group(registry));

        _server.Offer("get_order_status", "get_greeting");
        await WaitUntilAsync(() => registry.Names.Contains("get_greeting"), "the announced tool to be registered");

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("get_greeting"), Args("{}"));
        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("(no greeting configured)", outcome.Result);
        Assert.Equal(["get_greeting", "get_order_status"], Group(registry));

        // An agent that lists one tool of the server by name is not given the new one.
        Assert.Equal(["get_order_status"], registry.ForAgent(["mcp:orders/get_order_status"]).Select(t => t.Name));
        Assert.Single(_server.Starts);
    }

    [Fact]
    public async Task A_tool_the_server_removes_is_unregistered_and_a_caller_that_still_holds_it_gets_a_clear_error()
    {
        _server.Offer("get_order_status", "get_greeting");
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), _server.Config());
        await using var _ = source;
        var held = registry.Get("get_greeting");

        _server.Offer("get_order_status");
        await WaitUntilAsync(() => !registry.Names.Contains("get_greeting"), "the removed tool to be unregistered");

        Assert.Equal("No tool named 'get_greeting' is registered.", Assert.Throws<KeyNotFoundException>(() => registry.Get("get_greeting")).Message);
        Assert.Empty(registry.ForAgent(["mcp:orders/get_greeting"]));
        Assert.Equal(["get_order_status"], Group(registry));

        // A request that picked the tool before it went: the server's name and the tool's, nothing else.
        var outcome = await new ToolExecutor().ExecuteAsync(held, Args("{}"));
        Assert.False(outcome.Ok);
        Assert.Equal("error: MCP server 'orders' no longer offers the tool 'get_greeting'", outcome.Result);
    }

    [Fact]
    public async Task A_server_that_reconnects_with_another_list_is_registered_with_the_new_list()
    {
        _server.Offer("get_order_status", "refund_order");
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), _server.Config());
        await using var _ = source;
        var connection = Assert.Single(source.Connections);

        using (var process = Process.GetProcessById(_server.Starts[^1]))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        await WaitUntilAsync(() => !connection.IsConnected, "the client to notice that its server exited");
        _server.Offer("get_order_status", "get_greeting");
        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1002"}"""));
        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal(1, connection.Reconnects);

        await WaitUntilAsync(() => Group(registry).SequenceEqual(["get_greeting", "get_order_status"]), "the reconnected server's list to be registered");
        Assert.DoesNotContain("refund_order", registry.Names);
        Assert.True((await new ToolExecutor().ExecuteAsync(registry.Get("get_greeting"), Args("{}"))).Ok);
    }

    [Fact]
    public async Task A_server_cannot_take_the_name_of_a_local_tool_by_announcing_it()
    {
        var registry = new ToolRegistry();
        var own = LocalTool("get_greeting", "the host's own greeting");
        registry.Add(own);
        _server.Offer("get_order_status");
        var source = await McpToolSource.ConnectAsync([_server.Config()], registry, Options());
        await using var _ = source;

        _server.Offer("get_order_status", "get_greeting", "refund_order");
        await WaitUntilAsync(() => registry.Names.Contains("refund_order"), "the announced tools to be registered");

        Assert.Same(own, registry.Get("get_greeting"));
        Assert.Equal(["get_order_status", "refund_order"], Group(registry));
        Assert.Contains("MCP server 'orders': tool 'get_greeting' is registered as 'get_greeting', which another tool already uses; it was skipped", source.Warnings);

        // Dropping the tool from the server's list does not remove the local one either.
        _server.Offer("get_order_status");
        await WaitUntilAsync(() => !registry.Names.Contains("refund_order"), "the removal to be applied");
        Assert.Same(own, registry.Get("get_greeting"));
    }

    [Fact]
    public async Task Requests_in_flight_keep_working_while_the_list_changes_under_them()
    {
        _server.Offer("get_order_status");
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), _server.Config());
        await using var _ = source;
        var executor = new ToolExecutor();
        string[] small = ["get_order_status"];
        string[] large = ["get_greeting", "get_order_status", "get_shipping_quote"];
        using var stop = new CancellationTokenSource();

        // Readers see one whole list or the other, never a mix, and calls to the tool that stays always work.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested)
            {
                var group = Group(registry);
                Assert.True(group.SequenceEqual(small) || group.SequenceEqual(large), string.Join(",", group));
                var outcome = await executor.ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));
                Assert.True(outcome.Ok, outcome.Result);
                calls++;
                await Task.Delay(5);   // calls keep coming without starving the server of CPU on a loaded machine
            }

            return calls;
        })).ToList();

        for (var round = 1; round <= 6; round++)
        {
            var updates = source.ToolListUpdates;
            var next = round % 2 == 1 ? large : small;
            _server.Offer([.. next.Select(n => n == "get_shipping_quote" ? "getShippingQuote" : n)]);
            await WaitUntilAsync(() => Group(registry).SequenceEqual(next), $"round {round}");
            Assert.True(source.ToolListUpdates > updates);
        }

        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), calls => Assert.True(calls > 0));
    }
}
