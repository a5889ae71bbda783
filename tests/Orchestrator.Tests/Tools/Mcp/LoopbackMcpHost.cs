using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>A Kestrel app on 127.0.0.1 (a free port) whose MCP endpoint is <c>/mcp</c>; stopped on dispose.</summary>
internal sealed class LoopbackMcpHost : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _unauthorized;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests refused for a missing or wrong token.</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    public static async Task<LoopbackMcpHost> StartAsync(Action<IServiceCollection> services, Action<WebApplication, LoopbackMcpHost> map, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        services(builder.Services);
        var host = new LoopbackMcpHost { _app = builder.Build() };
        map(host._app, host);
        await host._app.StartAsync();
        host.Url = new Uri(new Uri(host._app.Urls.Single()), "/mcp");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
