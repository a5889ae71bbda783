using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;
using static Orchestrator.Tests.Tools.Mcp.McpTestTools;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>The sample MCP server (samples/mcp-server) started over stdio, its tools called through the ToolRegistry and ToolExecutor.</summary>
public sealed class McpStdioToolTests : IAsyncLifetime
{
    private ToolRegistry _registry = null!;
    private McpToolSource _source = null!;

    public async Task InitializeAsync()
    {
        var server = McpTestServers.Stdio(env: new Dictionary<string, string> { ["ORDER_DESK_GREETING"] = "Hello from ${DESK_NAME}" });
        (_registry, _source) = await McpTestServers.ConnectAsync(McpTestServers.Options(new() { ["DESK_NAME"] = "the order desk" }), server);
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Fact]
    public void Tools_are_listed_and_registered_with_their_schemas()
    {
        Assert.Empty(_source.Warnings);
        Assert.Equal(["get_greeting", "get_order_status", "get_shipping_quote", "refund_order"], _registry.Names.Order(StringComparer.Ordinal));
        var status = _registry.Get("get_order_status");
        Assert.Contains("delivery status", status.Description, StringComparison.Ordinal);
        Assert.Equal("object", status.ParametersSchema.GetProperty("type").GetString());
        Assert.Equal(["order_id"], ToolSchemaValidator.RequiredNames(status.ParametersSchema));
    }

    [Fact]
    public async Task A_tool_is_called_through_the_executor()
    {
        var outcome = await new ToolExecutor().ExecuteAsync(_registry.Get("get_order_status"), Args("""{"order_id":"A-1001"}"""));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("Order A-1001 is shipped on 3 March, arriving 6 March.", outcome.Result);
    }

    [Fact]
    public async Task A_camel_case_tool_is_registered_in_snake_case_and_called_by_its_own_name()
    {
        var outcome = await new ToolExecutor().ExecuteAsync(_registry.Get("get_shipping_quote"), Args("""{"weight_kg":2}"""));

        Assert.True(outcome.Ok, outcome.Result);
        Assert.Equal("Shipping 2 kg costs 7.00 EUR.", outcome.Result);
        Assert.Equal(["get_shipping_quote"], _registry.ForAgent(["mcp:orders/getShippingQuote"]).Select(t => t.Name));
    }

    [Fact]
    public async Task Env_values_reach_the_process_with_variables_expanded()
    {
        var outcome = await new ToolExecutor().ExecuteAsync(_registry.Get("get_greeting"), Args("{}"));

        Assert.Equal("Hello from the order desk", outcome.Result);
    }

    [Fact]
    public async Task An_error_result_is_a_tool_error_not_an_exception()
    {
        var refund = await new ToolExecutor().ExecuteAsync(_registry.Get("refund_order"), Args("""{"order_id":"A-1001"}"""));
        var missing = await new ToolExecutor().ExecuteAsync(_registry.Get("get_order_status"), Args("""{"order_id":"Z-9"}"""));

        Assert.False(refund.Ok);
        Assert.StartsWith("error: ", refund.Result, StringComparison.Ordinal);
        Assert.Contains("need a supervisor", refund.Result, StringComparison.Ordinal);
        Assert.False(missing.Ok);
        Assert.Contains("no order with id Z-9", missing.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_are_rejected_by_the_schema_before_the_server_is_called()
    {
        var outcome = await new ToolExecutor().ExecuteAsync(_registry.Get("get_order_status"), Args("""{"order_id":5,"drop_table":true}"""));

        Assert.True(outcome.Rejected);
        Assert.Contains("argument 'order_id' must be of type string", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("unknown argument 'drop_table'", outcome.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_references_expand_to_its_tools()
    {
        Assert.Equal(4, _registry.ForAgent(["mcp:orders"]).Count);
        Assert.Equal(["get_order_status"], _registry.ForAgent(["mcp:orders/get_order_status", "get_order_status"]).Select(t => t.Name));
        Assert.Empty(_registry.ForAgent(["mcp:elsewhere"]));
    }
}
