using Orchestrator.Configuration;
using Orchestrator.Tests.Agents;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary><c>mcp_servers:</c> and <c>mcp:</c> tool references in config: valid forms, and file:line errors for broken ones.</summary>
public sealed class McpConfigTests
{
    private const string Servers = """
        mcp_servers:
          files:  { command: dotnet, args: [ tools/files.dll ], env: { ROOT: "${FILES_ROOT}" }, timeout_seconds: 5 }
          orders: { url: "http://127.0.0.1:7001/mcp", headers: { Authorization: { env: ORDERS_TOKEN }, X-Team: "support" } }
        """;

    private const string OrdersAgent = """
        name: orders
        kind: tool
        description: Order status questions.
        examples: [ "Where is my order?", "status of order A-1001", "has my parcel shipped" ]
        tools: [ "mcp:orders", "mcp:files/read_file", get_order_status ]
        """;

    /// <summary>The line of <c>mcp_servers:</c>, appended after the fixture's orchestrator.yaml and a blank line.</summary>
    private const int FirstLine = 25;

    private static ConfigLoadResult Load(string servers, string? agent = OrdersAgent)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\n" + servers);
        if (agent is not null)
        {
            fixture.Write("agents/orders.yaml", agent);
        }

        return fixture.Load();
    }

    [Fact]
    public void Stdio_and_http_servers_are_read()
    {
        var result = Load(Servers);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        var files = result.Config!.McpServers["files"];
        Assert.True(files.IsStdio);
        Assert.Equal("dotnet", files.Command);
        Assert.Equal(["tools/files.dll"], files.Args);
        Assert.Equal("${FILES_ROOT}", files.Env["ROOT"]);
        Assert.Equal(5, files.TimeoutSeconds);
        var orders = result.Config.McpServers["orders"];
        Assert.Equal(new Uri("http://127.0.0.1:7001/mcp"), orders.Url);
        Assert.Equal("${ORDERS_TOKEN}", orders.Headers["Authorization"]);
        Assert.Equal("support", orders.Headers["X-Team"]);
        Assert.Equal(McpServerConfig.DefaultTimeoutSeconds, orders.TimeoutSeconds);
        Assert.Equal(["mcp:orders", "mcp:files/read_file", "get_order_status"], result.Config.FindAgent("orders")!.Tools);
    }

    [Fact]
    public void A_plain_tool_name_that_is_not_built_in_is_a_warning_when_mcp_servers_are_declared()
    {
        var result = Load(Servers);

        Assert.Contains(result.Warnings, w => w.Line == 5 && w.Message.Contains("tool 'get_order_status' is not a built-in tool; it must come from an MCP server under mcp_servers (declared: files, orders)", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_mcp_servers_an_unknown_tool_is_still_an_error()
    {
        HasError(Load("", OrdersAgent.Replace("\"mcp:orders\", \"mcp:files/read_file\", ", "", StringComparison.Ordinal)), "agents/orders.yaml", 5, "tool 'get_order_status' is not registered");
    }

    [Theory]
    [InlineData("\"mcp:shop\"", "names MCP server 'shop', which is not declared under mcp_servers (declared: files, orders)")]
    [InlineData("\"mcp:order\"", "(did you mean 'orders'?)")]
    [InlineData("\"mcp:\"", "tool reference 'mcp:' is malformed; expected mcp:<server> for all of a server's tools or mcp:<server>/<tool> for one")]
    [InlineData("\"mcp:orders/\"", "tool reference 'mcp:orders/' is malformed")]
    public void Bad_mcp_references_are_errors_at_their_line(string reference, string message)
    {
        HasError(Load(Servers, OrdersAgent.Replace("\"mcp:orders\"", reference, StringComparison.Ordinal)), "agents/orders.yaml", 5, message);
    }

    [Theory]
    [InlineData("  orders: {}", "MCP server 'orders' needs 'command' (stdio, e.g. { command: dotnet, args: [ tools/server.dll ] }) or 'url'")]
    [InlineData("  orders:", "MCP server 'orders' must be a mapping")]
    [InlineData("  orders: [ a ]", "MCP server 'orders' must be a mapping")]
    [InlineData("  orders: { command: dotnet, url: \"http://127.0.0.1:1/mcp\" }", "has both 'command' and 'url'; expected one")]
    [InlineData("  orders: { url: \"ftp://example.test/mcp\" }", "url 'ftp://example.test/mcp' is not an absolute http(s) URL")]
    [InlineData("  orders: { url: \"not a url\" }", "is not an absolute http(s) URL")]
    [InlineData("  orders: { url: \"http://user:secret@127.0.0.1/mcp\" }", "url must not carry a user name or password")]
    [InlineData("  orders: { command: \"\" }", "'command' is blank")]
    [InlineData("  orders: { command: dotnet, comand: x }", "unknown field 'comand' in mcp_servers.orders; expected one of: command, args, env, url, headers, timeout_seconds (did you mean 'command'?)")]
    [InlineData("  orders: { command: dotnet, timeout_seconds: 0 }", "'timeout_seconds' is 0; expected a number >= 0.001")]
    [InlineData("  orders: { command: dotnet, timeout_seconds: 100000 }", "expected a number of seconds from 0.001 to 600")]
    [InlineData("  orders: { command: dotnet, args: dotnet }", "'args' must be a list of command-line arguments")]
    [InlineData("  orders: { command: dotnet, headers: { X-A: b } }", "'headers' in mcp_servers.orders applies only to a server with 'url'")]
    [InlineData("  orders: { url: \"http://127.0.0.1:1/mcp\", env: { A: b } }", "'env' in mcp_servers.orders applies only to a server with 'command'")]
    [InlineData("  orders: { command: dotnet, env: { 1BAD: x } }", "env name '1BAD' is invalid")]
    [InlineData("  orders: { command: dotnet, env: { A: \"${not valid}\" } }", "references '${not valid}', which is not an environment variable name")]
    [InlineData("  orders: { url: \"http://127.0.0.1:1/mcp\", headers: { Authorization: { env: \"sk-abc def\" } } }", "env is not an environment variable name")]
    [InlineData("  orders: { url: \"http://127.0.0.1:1/mcp\", headers: { Authorization: { token: X } } }", "unknown field 'token' in header 'Authorization'; expected one of: env")]
    [InlineData("  \"bad name!\": { command: dotnet }", "MCP server name 'bad name!' is invalid")]
    public void Broken_entries_are_errors_at_their_line(string entry, string message)
    {
        HasError(Load($"mcp_servers:\n{entry}\n", agent: null), "orchestrator.yaml", FirstLine + 1, message);
    }

    [Fact]
    public void The_section_must_be_a_mapping()
    {
        HasError(Load("mcp_servers: [ orders ]\n", agent: null), "orchestrator.yaml", FirstLine, "'mcp_servers' must be a mapping of names to server settings");
    }

    [Fact]
    public void Huge_values_are_refused_without_being_echoed()
    {
        var huge = new string('x', 10_000);
        var result = Load($"mcp_servers:\n  orders: {{ command: \"{huge}\" }}\n  shop: {{ url: \"http://127.0.0.1/{huge}\" }}\n", agent: null);

        HasError(result, "orchestrator.yaml", FirstLine + 1, "'command' must be a program name or path of at most 4,096 characters");
        var url = HasError(result, "orchestrator.yaml", FirstLine + 2, "is not an absolute http(s) URL");
        Assert.True(url.Message.Length < 300, url.Message);
    }

    [Fact]
    public void Too_many_servers_are_refused()
    {
        var many = string.Concat(Enumerable.Range(0, 65).Select(i => $"  s{i}: {{ command: dotnet }}\n"));
        HasError(Load("mcp_servers:\n" + many, agent: null), "orchestrator.yaml", FirstLine, "'mcp_servers' declares 65 servers; expected at most 64");
    }

    [Fact]
    public void Control_characters_in_a_command_are_refused()
    {
        HasError(Load("mcp_servers:\n  orders: { command: \"dotnet\\nrm -rf /\" }\n", agent: null), "orchestrator.yaml", FirstLine + 1, "without control characters");
    }
}
