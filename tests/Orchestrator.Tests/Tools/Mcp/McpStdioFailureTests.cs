using Orchestrator.Configuration;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>Stdio servers that cannot be used: a clear warning naming the server, and no crash.</summary>
public sealed class McpStdioFailureTests
{
    [Fact]
    public async Task A_command_that_does_not_exist_is_a_warning_naming_the_server()
    {
        var server = new McpServerConfig { Name = "ghost", Command = "no-such-mcp-server-binary-3f9", TimeoutSeconds = 10 };
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), server);
        await using var _ = source;

        var warning = Assert.Single(source.Warnings);
        Assert.StartsWith("MCP server 'ghost' is unavailable: ", warning, StringComparison.Ordinal);
        Assert.Empty(registry.Names);
        Assert.Contains(registry.UnavailableReasons(["mcp:ghost"]), r => r.Contains("'ghost'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_exits_at_once_is_a_warning_and_other_servers_still_connect()
    {
        var broken = new McpServerConfig { Name = "broken", Command = "dotnet", Args = ["no-such-server.dll"], TimeoutSeconds = 10 };
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), broken, McpTestServers.Stdio());
        await using var _ = source;

        var warning = Assert.Single(source.Warnings);
        Assert.StartsWith("MCP server 'broken' is unavailable: ", warning, StringComparison.Ordinal);
        Assert.Contains("get_order_status", registry.Names);
    }

    [Fact]
    public async Task A_missing_environment_variable_is_named()
    {
        var server = McpTestServers.Stdio(env: new() { ["TOKEN"] = "${MCP_TEST_UNSET_VARIABLE}" });
        var (registry, source) = await McpTestServers.ConnectAsync(McpTestServers.Options(), server);
        await using var _ = source;

        var warning = Assert.Single(source.Warnings);
        Assert.Contains("MCP server 'orders' is unavailable: env 'TOKEN' needs the environment variable MCP_TEST_UNSET_VARIABLE", warning, StringComparison.Ordinal);

        // The operator's warning names the variable; what an agent's answer can carry does not.
        var reason = Assert.Single(registry.UnavailableReasons(["mcp:orders"]));
        Assert.Equal("MCP server 'orders' is unavailable (the operator log has the details).", reason);
        Assert.DoesNotContain("MCP_TEST_UNSET_VARIABLE", reason, StringComparison.Ordinal);
    }
}
