using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>An MCP server over streamable HTTP (ModelContextProtocol.AspNetCore) that requires <c>Authorization: Bearer test-token</c>.</summary>
internal sealed class HttpMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpMcpServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How many tool calls reached the server.</summary>
    public static int Calls => ShopTools.Calls;

    public int Unauthorized { get; private set; }

    public static async Task<HttpMcpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport().WithTools<ShopTools>();
        var app = builder.Build();
        HttpMcpServer? server = null;
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {McpTestServers.Token}")
            {
                server!.Unauthorized++;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Urls.Single();
        server = new HttpMcpServer(app, new Uri(new Uri(address), "/mcp"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [McpServerToolType]
    public sealed class ShopTools
    {
        private static int _calls;

        public static int Calls => Volatile.Read(ref _calls);

        [McpServerTool(Name = "check_stock", ReadOnly = true)]
        [Description("Checks how many units of a product are in stock, by SKU (SKU-123).")]
        public static string CheckStock([Description("Product SKU, e.g. SKU-123")] string sku, [Description("Warehouse number")] int warehouse = 1)
        {
            Interlocked.Increment(ref _calls);
            return sku == "SKU-123" ? $"SKU-123: 42 units in warehouse {warehouse}." : throw new McpException($"unknown SKU {sku}");
        }

        [McpServerTool(Name = "slow_report")]
        [Description("Builds a report slowly.")]
        public static async Task<string> SlowReport(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return "done";
        }
    }
}
