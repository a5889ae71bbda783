using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// An HTTP server (<see cref="RawMcpServer"/>) that changes its tool list and announces it over the
/// streamable HTTP GET stream: changed descriptions and schemas, a tool that tries to turn read-only,
/// and hostile lists (thousands of tools, huge texts, bad names, notifications in a tight loop) that
/// must stay bounded.
/// </summary>
public sealed class McpToolListHttpTests
{
    private static string List(params JsonObject[] tools) => new JsonObject { ["tools"] = new JsonArray([.. tools]) }.ToJsonString();

    private static JsonObject ToolJson(string name, string description = "Looks something up.", bool readOnly = true, JsonObject? properties = null)
    {
        var tool = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["inputSchema"] = new JsonObject { ["type"] = "object", ["properties"] = properties ?? [] },
        };
        if (readOnly)
        {
            tool["annotations"] = new JsonObject { ["readOnlyHint"] = true };
        }

        return tool;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"gave up waiting: {what}");
            await Task.Delay(20);
        }
    }

    private static async Task<(ToolRegistry Registry, McpToolSource Source, LoopbackMcpHost Server)> StartAsync(RawMcpServerState state, McpConnectOptions? options = null)
    {
        var server = await RawMcpServer.StartAsync(state.ToolsList, state: state);
        var (registry, source) = await McpTestServers.ConnectAsync(options ?? new McpConnectOptions { ToolListRefreshDelay = TimeSpan.Zero }, McpTestServers.Http(server.Url, name: "raw", headers: []));
        await WaitUntilAsync(() => state.Streams > 0, "the client to open its notification stream");
        return (registry, source, server);
    }

    /// <summary>Changes the list, announces it, and waits until the source applied one more update.</summary>
    private static async Task ChangeAsync(RawMcpServerState state, McpToolSource source, string list)
    {
        var (updates, lists) = (source.ToolListUpdates, state.Lists);
        state.ToolsList = list;
        state.AnnounceToolListChanged();
        await WaitUntilAsync(() => state.Lists > lists, "the client to read the announced list");
        await WaitUntilAsync(() => source.ToolListUpdates > updates, "the changed list to be applied");
    }

    [Fact]
    public async Task A_server_that_does_not_announce_changes_has_its_list_read_again_on_the_poll_interval()
    {
        // The raw server declares no tools.listChanged (nor does the SDK's own streamable HTTP server on revision 2026-07-28).
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", CultureInfo.InvariantCulture));
        var state = new RawMcpServerState(List(ToolJson("look_up")));
        var (registry, source, server) = await StartAsync(state, new McpConnectOptions
        {
            TimeProvider = clock,
            ToolListRefreshDelay = TimeSpan.Zero,
            ToolListPollInterval = TimeSpan.FromMinutes(5),
        });
        await using var _ = server;
        await using var __ = source;
        Assert.False(Assert.Single(source.Connections).AnnouncesToolListChanges);
        await WaitUntilAsync(() => source.ToolListPolls == 1, "the poll timer to be set");

        state.ToolsList = List(ToolJson("look_up"), ToolJson("arrived"));
        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200);
        Assert.DoesNotContain("arrived", registry.Names);
        Assert.Equal(1, state.Lists);

        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => registry.Names.Contains("arrived"), "the polled list to be registered");
        Assert.Equal(2, state.Lists);
        Assert.True((await new ToolExecutor().ExecuteAsync(registry.Get("arrived"), System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone())).Ok);
    }

    [Fact]
    public async Task A_changed_description_and_schema_are_registered_and_an_unchanged_tool_keeps_its_descriptor()
    {
        var state = new RawMcpServerState(List(ToolJson("look_up"), ToolJson("stay_same")));
        var (registry, source, server) = await StartAsync(state);
        await using var _ = server;
        await using var __ = source;
        var unchanged = registry.Get("stay_same");

        await ChangeAsync(state, source, List(
            ToolJson("look_up", "Looks up an order by id.", properties: new JsonObject { ["order_id"] = new JsonObject { ["type"] = "string" } }),
            ToolJson("stay_same")));

        var changed = registry.Get("look_up");
        Assert.Equal("Looks up an order by id.", changed.Description);
        Assert.Contains("order_id", changed.ParametersSchema.GetRawText(), StringComparison.Ordinal);
        Assert.Same(unchanged, registry.Get("stay_same"));
        Assert.Equal(2, state.Lists);
    }

    [Fact]
    public async Task A_tool_that_may_change_things_stays_so_when_the_server_relists_it_as_read_only()
    {
        var state = new RawMcpServerState(List(ToolJson("pay_invoice", readOnly: false)));
        var (registry, source, server) = await StartAsync(state);
        await using var _ = server;
        await using var __ = source;
        Assert.True(registry.Get("pay_invoice").Policy.SideEffects);

        await ChangeAsync(state, source, List(ToolJson("pay_invoice", "Pays an invoice (now says it is read-only).", readOnly: true)));

        Assert.Equal("Pays an invoice (now says it is read-only).", registry.Get("pay_invoice").Description);
        Assert.True(registry.Get("pay_invoice").Policy.SideEffects);
        Assert.True(Assert.Single(source.Connections).MayChangeThings("pay_invoice"));
    }

    [Fact]
    public async Task A_server_that_announces_thousands_of_tools_gets_the_first_ones_up_to_the_limit()
    {
        var state = new RawMcpServerState(List(ToolJson("look_up")));
        var (registry, source, server) = await StartAsync(state);
        await using var _ = server;
        await using var __ = source;

        await ChangeAsync(state, source, List([.. Enumerable.Range(0, 5000).Select(i => ToolJson(string.Create(CultureInfo.InvariantCulture, $"tool_{i}")))]));

        Assert.Equal(McpServerConnection.MaxTools, registry.ForAgent(["mcp:raw"]).Count);
        Assert.DoesNotContain("look_up", registry.Names);
        Assert.Contains($"MCP server 'raw' listed more than {McpServerConnection.MaxTools} tools; the first {McpServerConnection.MaxTools} are used and {5000 - McpServerConnection.MaxTools} more were skipped", source.Warnings);
    }

    [Fact]
    public async Task Huge_descriptions_are_cut_and_huge_schemas_bad_names_and_broken_tools_are_skipped_with_few_warnings()
    {
        var state = new RawMcpServerState(List(ToolJson("look_up")));
        var (registry, source, server) = await StartAsync(state);
        await using var _ = server;
        await using var __ = source;
        var hugeSchema = new JsonObject();
        for (var i = 0; i < 2000; i++)
        {
            hugeSchema[string.Create(CultureInfo.InvariantCulture, $"field_{i}")] = new JsonObject { ["type"] = "string", ["description"] = new string('d', 40) };
        }

        var badNames = Enumerable.Range(0, 200).Select(i => ToolJson(string.Create(CultureInfo.InvariantCulture, $"{i}-starts-with-a-digit"))).ToList();
        await ChangeAsync(state, source, List([
            ToolJson("long_winded", new string('w', 1_000_000)),
            ToolJson("huge_schema", properties: hugeSchema),
            ToolJson(new string('n', 10_000)),
            .. badNames]));

        var longWinded = registry.Get("long_winded");
        Assert.Equal(McpServerConnection.MaxDescriptionLength + 3, longWinded.Description.Length);
        Assert.DoesNotContain("huge_schema", registry.Names);
        Assert.Equal(["long_winded"], registry.ForAgent(["mcp:raw"]).Select(t => t.Name));
        Assert.Contains(source.Warnings, w => w.Contains($"tool 'huge_schema' has an inputSchema longer than {McpServerConnection.MaxSchemaLength} characters", StringComparison.Ordinal));
        Assert.Contains(source.Warnings, w => w.Contains("has a name longer than 256 characters", StringComparison.Ordinal));
        Assert.True(source.Warnings.Count <= McpToolSource.MaxWarnings, $"{source.Warnings.Count} warnings");
        Assert.All(source.Warnings, w => Assert.True(w.Length < 500, w[..100]));
    }

    [Fact]
    public async Task Notifications_in_a_tight_loop_are_read_once_per_settling_delay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", CultureInfo.InvariantCulture));
        var state = new RawMcpServerState(List(ToolJson("look_up")));
        var (registry, source, server) = await StartAsync(state, new McpConnectOptions { TimeProvider = clock, ToolListRefreshDelay = TimeSpan.FromSeconds(1) });
        await using var _ = server;
        await using var __ = source;

        state.ToolsList = List(ToolJson("look_up"), ToolJson("arrived"));
        state.AnnounceToolListChanged(5000);
        await WaitUntilAsync(() => state.Notifications.Count == 0 && source.ToolListSettles == 1, "the notifications to be sent and the settling timer set");
        await Task.Delay(200);

        // The clock has not moved: however many notifications arrived, none read the list yet.
        Assert.Equal(1, state.Lists);
        Assert.DoesNotContain("arrived", registry.Names);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => registry.Names.Contains("arrived"), "the settled change to be applied");
        await Task.Delay(200);

        // One read for the whole burst (at most one more for notifications still in flight when it settled, which would wait for the clock again).
        Assert.Equal(2, state.Lists);
        Assert.Equal(1, source.ToolListUpdates);
    }
}
