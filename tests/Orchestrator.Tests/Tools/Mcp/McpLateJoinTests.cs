using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;
using static Orchestrator.Tests.Tools.Mcp.McpTestTools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// A server that is down at warm-up (a sidecar that starts after the host) is retried in the
/// background on a doubling interval and, once up, its tools are registered as at warm-up.
/// </summary>
public sealed class McpLateJoinTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-27T10:00:00Z", CultureInfo.InvariantCulture);
    private readonly SwitchableStdioServer _server = new() { Down = true };
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<DateTimeOffset> _tries = [];

    public void Dispose() => _server.Dispose();

    /// <summary>The sample server, down until a test brings it up; its env is expanded on every connect attempt, so the options below note the fake clock's time of each try.</summary>
    private McpServerConfig SidecarStdio() => _server.Config(new Dictionary<string, string> { ["TRY_CLOCK"] = "${MCP_TRY_CLOCK}" });

    private McpConnectOptions Options(TimeSpan? interval = null, TimeSpan? longest = null, ILoggerFactory? logging = null) => new()
    {
        LoggerFactory = logging ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        TimeProvider = _clock,
        UnavailableRetryInterval = interval ?? TimeSpan.FromSeconds(5),
        UnavailableRetryMaxInterval = longest ?? TimeSpan.FromMinutes(5),
        Environment = name =>
        {
            if (name != "MCP_TRY_CLOCK")
            {
                return null;
            }

            lock (_tries)
            {
                _tries.Add(_clock.GetUtcNow());
            }

            return "1";
        },
    };

    private int Attempts() => _server.Attempts;

    private TimeSpan[] TriesSinceStart()
    {
        lock (_tries)
        {
            return [.. _tries.Select(t => t - Start)];
        }
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

    /// <summary>Advances the fake clock, then waits until the retry loop has set its next timer (or joined): <paramref name="waits"/> waits begun in all.</summary>
    private async Task AdvanceAsync(McpToolSource source, TimeSpan by, int waits)
    {
        _clock.Advance(by);
        await WaitUntilAsync(() => source.RetryWaits >= waits, $"{waits} retry waits");
    }

    [Fact]
    public async Task A_server_down_at_warm_up_joins_when_it_comes_up_and_its_tool_works()
    {
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), SidecarStdio());
        await using var _ = source;
        Assert.StartsWith("MCP server 'orders' is unavailable: ", Assert.Single(source.Warnings), StringComparison.Ordinal);
        Assert.Empty(registry.ForAgent(["mcp:orders"]));
        Assert.Single(registry.UnavailableReasons(["mcp:orders"]));

        _server.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => source.Connections.Count == 1, "the server to join");

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));
        Assert.True(outcome.Ok, outcome.Result);
        Assert.Contains("shipped on 3 March", outcome.Result, StringComparison.Ordinal);
        Assert.Empty(registry.UnavailableReasons(["mcp:orders"]));
        Assert.Equal(2, Attempts());
    }

    [Fact]
    public async Task Tools_that_join_late_are_registered_exactly_as_at_warm_up()
    {
        var (early, warm) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Stdio());
        await using var _ = warm;
        var (late, source) = await McpTestServers.ConnectAsync(Options(), SidecarStdio());
        await using var __ = source;
        _server.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => source.Connections.Count == 1, "the server to join");

        Assert.Equal(early.Names.Order(StringComparer.Ordinal), late.Names.Order(StringComparer.Ordinal));
        foreach (var reference in new[] { "mcp:orders", "mcp:orders/getShippingQuote", "mcp:orders/get_shipping_quote", "get_greeting" })
        {
            Assert.Equal(early.ForAgent([reference]).Select(Shape), late.ForAgent([reference]).Select(Shape));
        }

        Assert.Single(source.Warnings);   // the warm-up warning only
    }

    private static string Shape(ToolDescriptor tool) =>
        $"{tool.Name}|{tool.Description}|{tool.ParametersSchema.GetRawText()}|{tool.Policy.SideEffects}|{tool.Policy.Confirm}|{tool.Policy.Personal is null}";

    [Fact]
    public async Task A_server_that_stays_down_is_tried_on_a_doubling_interval_up_to_the_longest()
    {
        var (_, source) = await McpTestServers.ConnectAsync(Options(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)), SidecarStdio());
        await using var __ = source;
        Assert.Equal(1, source.RetryWaits);

        await AdvanceAsync(source, TimeSpan.FromSeconds(5), waits: 2);    // first retry at 5 s
        _clock.Advance(TimeSpan.FromSeconds(9));                           // 14 s: the next is due at 15 s
        await AdvanceAsync(source, TimeSpan.FromSeconds(1), waits: 3);    // 15 s
        _clock.Advance(TimeSpan.FromSeconds(19));
        await AdvanceAsync(source, TimeSpan.FromSeconds(1), waits: 4);    // 35 s: 20 s, the longest
        await AdvanceAsync(source, TimeSpan.FromSeconds(20), waits: 5);   // 55 s: still 20 s

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(55)],
            TriesSinceStart());
        Assert.Equal(5, Attempts());
        Assert.Empty(source.Connections);
    }

    [Fact]
    public async Task Disposing_the_source_stops_the_retries()
    {
        var (registry, source) = await McpTestServers.ConnectAsync(Options(), SidecarStdio());
        await AdvanceAsync(source, TimeSpan.FromSeconds(5), waits: 2);
        Assert.Equal(2, Attempts());

        // A retry loop that ignored the disposal would keep DisposeAsync waiting for a timer the fake clock never fires.
        await source.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        _server.Down = false;
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(200);

        Assert.Equal(2, Attempts());
        Assert.Equal(2, source.RetryWaits);
        Assert.Empty(registry.Names);
        await source.DisposeAsync();   // twice is harmless
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        var (_, source) = await McpTestServers.ConnectAsync(Options(interval: TimeSpan.Zero), SidecarStdio());
        await using var __ = source;

        _clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, source.RetryWaits);
        Assert.Equal(1, Attempts());
    }

    [Fact]
    public async Task A_late_tool_whose_name_is_taken_is_skipped_with_a_warning_and_the_rest_join()
    {
        var registry = new ToolRegistry();
        var own = LocalTool("get_order_status", "the host's own order lookup");
        registry.Add(own);
        var source = await McpToolSource.ConnectAsync([SidecarStdio()], registry, Options());
        await using var _ = source;

        _server.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => source.Connections.Count == 1, "the server to join");

        Assert.Contains(
            "MCP server 'orders': tool 'get_order_status' is registered as 'get_order_status', which another tool already uses; it was skipped",
            source.Warnings);
        Assert.Same(own, registry.Get("get_order_status"));
        Assert.Equal(["get_greeting", "get_shipping_quote", "refund_order"], registry.ForAgent(["mcp:orders"]).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Whoever sees a late server in <c>Connections</c> (a test waiting for the join, a readiness check) may call its tools
    /// at once: its tools and warnings are in place before it is listed. It was listed first, and on a loaded machine a
    /// test that saw it asked before its tool was registered.
    /// </summary>
    [Fact]
    public async Task A_server_that_joins_late_is_listed_only_once_its_tools_and_warnings_are_in_place()
    {
        var registry = new ToolRegistry();
        registry.Add(LocalTool("get_order_status", "the host's own order lookup"));
        McpToolSource? source = null;
        var listedAtTheWarning = new List<int>();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new WatchingLoggerProvider(message =>
        {
            if (message.Contains("which another tool already uses", StringComparison.Ordinal) && Volatile.Read(ref source) is { } joining)
            {
                lock (listedAtTheWarning)
                {
                    listedAtTheWarning.Add(joining.Connections.Count);
                }
            }
        })));
        Volatile.Write(ref source, await McpToolSource.ConnectAsync([SidecarStdio()], registry, Options(logging: logging)));
        await using var _ = source;

        _server.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => source.Connections.Count == 1, "the server to join");

        lock (listedAtTheWarning)
        {
            Assert.Equal([0], listedAtTheWarning);
        }

        Assert.Equal(["get_greeting", "get_shipping_quote", "refund_order"], registry.ForAgent(["mcp:orders"]).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Hands every formatted log message to a callback, on the logging thread.</summary>
    private sealed class WatchingLoggerProvider(Action<string> watch) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Watcher(watch);

        public void Dispose()
        {
        }

        private sealed class Watcher(Action<string> watch) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                watch(formatter(state, exception));
        }
    }
}
