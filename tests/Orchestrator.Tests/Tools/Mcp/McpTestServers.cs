using System.Reflection;
using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>Real MCP servers for the client tests: the stdio sample, and an HTTP one on Kestrel at 127.0.0.1.</summary>
internal static class McpTestServers
{
    public const string Token = "test-token-5f2c";

    /// <summary>samples/mcp-server, built with the tests (a ProjectReference without its assembly).</summary>
    public static string SampleServerDll
    {
        get
        {
            var path = typeof(McpTestServers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "McpSampleServerDll").Value!;
            Assert.True(File.Exists(path), $"the sample MCP server was not built: {path}");
            return Path.GetFullPath(path);
        }
    }

    public static McpServerConfig Stdio(string name = "orders", Dictionary<string, string>? env = null, double timeout = 20) => new()
    {
        Name = name,
        Command = "dotnet",
        Args = [SampleServerDll],
        Env = env ?? new Dictionary<string, string>(),
        TimeoutSeconds = timeout,
    };

    public static McpServerConfig Http(Uri url, string name = "shop", double timeout = 10, Dictionary<string, string>? headers = null) => new()
    {
        Name = name,
        Url = url,
        Headers = headers ?? new Dictionary<string, string> { ["Authorization"] = "Bearer ${SHOP_TOKEN}" },
        TimeoutSeconds = timeout,
    };

    public static McpConnectOptions Options(Dictionary<string, string>? environment = null) => new()
    {
        Environment = name => environment is not null && environment.TryGetValue(name, out var v) ? v : null,
    };

    public static async Task<(ToolRegistry Registry, McpToolSource Source)> ConnectAsync(McpConnectOptions options, params McpServerConfig[] servers)
    {
        var registry = new ToolRegistry();
        var source = await McpToolSource.ConnectAsync(servers, registry, options);
        return (registry, source);
    }
}
