using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>An MCP server over streamable HTTP (ModelContextProtocol.AspNetCore) that requires <c>Authorization: Bearer test-token</c>.</summary>
internal static class HttpMcpServer
{
    /// <summary>How many tool calls reached a server.</summary>
    public static int Calls => ShopTools.Calls;

    /// <summary>How many slow_report calls reached a server.</summary>
    public static int SlowReports => ShopTools.SlowReports;

    /// <summary>Starts the server on a free port, or on <paramref name="port"/> (a restart at the same address).</summary>
    public static Task<LoopbackMcpHost> StartAsync(int port = 0) => LoopbackMcpHost.StartAsync(
        services => services.AddMcpServer().WithHttpTransport().WithTools<ShopTools>(),
        (app, host) =>
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Headers.Authorization != $"Bearer {McpTestServers.Token}")
                {
                    host.CountUnauthorized();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await next(context);
            });
            app.MapMcp("/mcp");
        },
        port);

    [McpServerToolType]
    public sealed class ShopTools
    {
        private static int _calls;
        private static int _slowReports;

        public static int Calls => Volatile.Read(ref _calls);

        /// <summary>How many slow_report calls reached a server (the caller's timeout is set by then).</summary>
        public static int SlowReports => Volatile.Read(ref _slowReports);

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
            Interlocked.Increment(ref _slowReports);
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return "done";
        }
    }
}
