using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;
using static Orchestrator.Tests.Tools.Mcp.McpTestTools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>Streamable HTTP servers on 127.0.0.1: the SDK's own server behind a token check, a closed port, and a server that answers nonsense.</summary>
public sealed class McpHttpToolTests
{
    private const double SlowCallTimeoutSeconds = 120;

    private static readonly Dictionary<string, string> TokenEnv = new() { ["SHOP_TOKEN"] = McpTestServers.Token };

    [Fact]
    public async Task Headers_from_environment_variables_are_sent_and_tools_are_called()
    {
        await using var server = await HttpMcpServer.StartAsync();
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(TokenEnv), McpTestServers.Http(server.Url));
        await using var _ = source;

        Assert.Empty(source.Warnings);
        Assert.Equal(0, server.Unauthorized);
        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("check_stock"), Args("""{"sku":"SKU-123","warehouse":3}"""));
        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("SKU-123: 42 units in warehouse 3.", outcome.Result);
    }

    [Fact]
    public async Task Invalid_arguments_never_reach_the_server()
    {
        await using var server = await HttpMcpServer.StartAsync();
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(TokenEnv), McpTestServers.Http(server.Url));
        await using var _ = source;
        var before = HttpMcpServer.Calls;

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("check_stock"), Args("""{"warehouse":"three"}"""));

        Assert.True(outcome.Rejected);
        Assert.Contains("missing required argument 'sku'", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("argument 'warehouse' must be of type integer", outcome.Result, StringComparison.Ordinal);
        Assert.Equal(before, HttpMcpServer.Calls);
    }

    [Fact]
    public async Task A_wrong_token_is_a_warning_naming_the_server()
    {
        await using var server = await HttpMcpServer.StartAsync();
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(new() { ["SHOP_TOKEN"] = "wrong" }), McpTestServers.Http(server.Url));
        await using var _ = source;

        var warning = Assert.Single(source.Warnings);
        Assert.StartsWith("MCP server 'shop' is unavailable: ", warning, StringComparison.Ordinal);
        Assert.Empty(registry.Names);
        Assert.True(server.Unauthorized > 0);
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_quick_warning_naming_the_server()
    {
        using var closed = new ClosedPort();
        var url = new Uri($"http://127.0.0.1:{closed.Port}/mcp");
        // Quick means on the refused connection, not after timeout_seconds: that is ten minutes here, far
        // beyond the bound, which only stops a hang (a wall-clock limit of seconds trips on a loaded machine).
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(TokenEnv), McpTestServers.Http(url, timeout: 600))
            .WaitAsync(TimeSpan.FromMinutes(2));
        await using var _ = source;

        var warning = Assert.Single(source.Warnings);
        Assert.StartsWith("MCP server 'shop' is unavailable: ", warning, StringComparison.Ordinal);
        Assert.Contains("ConnectionError", warning, StringComparison.Ordinal);
        Assert.Empty(registry.Names);
    }

    [Fact]
    public async Task A_slow_tool_call_times_out_as_a_tool_error_naming_the_server()
    {
        // The call's timeout runs on the fake clock; connecting is bounded in real time by the same timeout_seconds,
        // so it is a hang bound, not a second (a one-second connect failed on a loaded machine).
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", CultureInfo.InvariantCulture));
        var options = new McpConnectOptions { TimeProvider = clock, Environment = McpTestServers.Options(TokenEnv).Environment };
        await using var server = await HttpMcpServer.StartAsync();
        var (registry, source) = await McpTestServers.ConnectAsync(options, McpTestServers.Http(server.Url, timeout: SlowCallTimeoutSeconds));
        await using var _ = source;
        var started = HttpMcpServer.SlowReports;

        var call = new ToolExecutor().ExecuteAsync(registry.Get("slow_report"), Args("{}"));
        var waited = Stopwatch.StartNew();
        while (HttpMcpServer.SlowReports == started)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the call did not reach the server");
            await Task.Delay(20);
        }

        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(SlowCallTimeoutSeconds));
        var outcome = await call.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(outcome.Ok);
        Assert.False(outcome.Rejected);
        Assert.StartsWith("error: MCP server 'shop' could not run 'slow_report': no answer within 120 s", outcome.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_with_malformed_schemas_are_skipped_with_a_warning_and_the_rest_registered()
    {
        await using var server = await RawMcpServer.StartAsync("""
            {"tools":[
              {"name":"good_tool","description":"Works.","inputSchema":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}},
              {"name":"string_schema","inputSchema":"not a schema"},
              {"name":"array_schema","inputSchema":{"type":"array"}},
              {"name":"bad_required","inputSchema":{"type":"object","required":[1]}},
              {"description":"no name","inputSchema":{"type":"object"}},
              {"name":"!!!","inputSchema":{"type":"object"}}
            ]}
            """);
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;

        Assert.Equal(["good_tool"], registry.Names);
        Assert.Equal(5, source.Warnings.Count);
        Assert.All(source.Warnings, w => Assert.StartsWith("MCP server 'raw'", w, StringComparison.Ordinal));
        Assert.Contains(source.Warnings, w => w.Contains("tool 'string_schema' has an inputSchema that is a JSON string, not an object", StringComparison.Ordinal));
        Assert.Contains(source.Warnings, w => w.Contains("tool 'array_schema' has an inputSchema whose type is not \"object\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tools_list_without_tools_is_a_warning_naming_the_server()
    {
        await using var server = await RawMcpServer.StartAsync("""{"items":[]}""");
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;

        Assert.Equal("MCP server 'raw' is unavailable: its tools/list answer has no list of tools", Assert.Single(source.Warnings));
        Assert.Empty(registry.Names);
    }

    [Theory]
    [InlineData("\"just text\"")]
    [InlineData("""{"content":5}""")]
    [InlineData("""{"content":[{"type":"text"}]}""")]
    public async Task A_malformed_tool_result_is_a_tool_error_naming_the_server(string result)
    {
        await using var server = await RawMcpServer.StartAsync("""{"tools":[{"name":"good_tool","inputSchema":{"type":"object"}}]}""", result);
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("good_tool"), Args("{}"));

        Assert.False(outcome.Ok);
        Assert.StartsWith("error: MCP server 'raw' could not run 'good_tool'", outcome.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_result_without_text_is_still_a_tool_error()
    {
        await using var server = await RawMcpServer.StartAsync("""{"tools":[{"name":"good_tool","inputSchema":{"type":"object"}}]}""", """{"content":[],"isError":true}""");
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), McpTestServers.Http(server.Url, name: "raw", headers: []));
        await using var _ = source;

        var outcome = await new ToolExecutor().ExecuteAsync(registry.Get("good_tool"), Args("{}"));

        Assert.False(outcome.Ok);
        Assert.Equal("error: 'good_tool' on MCP server 'raw' reported an error without details", outcome.Result);
    }
}
