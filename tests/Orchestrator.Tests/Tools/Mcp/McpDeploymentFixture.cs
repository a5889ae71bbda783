using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// A deployment whose tool agent uses the sample MCP server over stdio, asked through the runtime
/// (no model: the deterministic tool path), beside an agent whose HTTP server is down.
/// </summary>
public sealed class McpDeploymentFixture : IAsyncLifetime
{
    /// <summary>A tool agent that answers order questions with the sample MCP server's get_order_status.</summary>
    internal const string OrdersAgentYaml = """
        name: orders
        kind: tool
        description: Delivery status of customer orders.
        examples: [ "Where is my order A-1002?", "status of order A-1001", "has order A-1003 shipped yet" ]
        tools: [ "mcp:orders/get_order_status" ]
        """;

    private readonly TempDirectory _dir = new();
    private readonly ClosedPort _warehouse = new();

    public StatusLines Status { get; } = new();

    public OrchestratorRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dir.Write("agents/orders.yaml", OrdersAgentYaml);
        _dir.Write("agents/stock.yaml", """
            name: stock
            kind: tool
            description: Stock levels of products in the warehouse.
            examples: [ "how many SKU-123 are in stock", "stock level for SKU-9", "is SKU-123 available" ]
            tools: [ "mcp:warehouse" ]
            """);
        var config = _dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
            mcp_servers:
              orders: { command: dotnet, args: [ "{{McpTestServers.SampleServerDll}}" ], timeout_seconds: 20 }
              warehouse: { url: "http://127.0.0.1:{{_warehouse.Port}}/mcp", timeout_seconds: 5 }
            agents: agents/
            """);
        Runtime = await TestRuntimes.StartAsync(config, new RuntimeOptions { Status = Status });
    }

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _warehouse.Dispose();
        _dir.Dispose();
    }

    public sealed class StatusLines : IProgress<string>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void Report(string value)
        {
            lock (_lines)
            {
                _lines.Add(value);
            }
        }
    }
}
