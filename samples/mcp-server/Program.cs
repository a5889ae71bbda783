using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using Orchestrator.Samples.McpServer;

// stdout carries the protocol, so every log line goes to stderr.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (Environment.GetEnvironmentVariable("ORDER_DESK_TOOLS_FILE") is { Length: > 0 } toolsFile)
{
    // Registered before the MCP server so its first tools/list already has the file's tools only.
    builder.Services.AddHostedService(services => new ToolsFileWatcher(services.GetRequiredService<IOptions<McpServerOptions>>(), toolsFile));
}

builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<OrderTools>();
await builder.Build().RunAsync();
