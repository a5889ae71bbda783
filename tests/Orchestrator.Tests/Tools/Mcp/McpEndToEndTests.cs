using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>The MCP deployment asked through the pipeline.</summary>
public sealed class McpEndToEndTests(McpDeploymentFixture fixture) : IClassFixture<McpDeploymentFixture>
{
    [Fact]
    public async Task A_tool_agent_answers_through_the_mcp_tool()
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("What is the status of order A-1001?", "orders"));

        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("get_order_status", call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Equal("A-1001", call.Arguments["order_id"]?.ToString());
        Assert.Contains("shipped on 3 March", response.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_down_is_a_start_up_warning_not_a_failure()
    {
        Assert.Contains(fixture.Status.Lines, l => l.StartsWith("warning: MCP server 'warehouse' is unavailable: ", StringComparison.Ordinal));
        Assert.Contains(fixture.Status.Lines, l => l.StartsWith("warning: agent 'stock' lists tool 'mcp:warehouse', which no MCP server provides: MCP server 'warehouse' is unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agent_of_a_server_that_is_down_gets_a_clear_error()
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("how many SKU-123 are in stock?", "stock"));

        Assert.Empty(response.ToolCalls);
        Assert.True(response.Escalation.Needed);
        Assert.Equal("specialist_failed", response.Escalation.Reason);
    }
}
