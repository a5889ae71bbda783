using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.AspNetCore;
using Orchestrator.Cli.Serve;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// The real service (<c>AddOrchestratorHttpApi</c> + <c>MapOrchestrator</c>) on Kestrel, bound to
/// 127.0.0.1 on a free port, over an already started runtime shared by the tests, with the
/// <c>server:</c> and <c>telemetry:</c> settings each test asks for.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string Key = "sk-test-acme-0123456789";
    public const string OtherKey = "sk-test-globex-9876543210";

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The endpoint an OpenAI client is pointed at.</summary>
    public Uri ApiEndpoint => new(BaseAddress, "/v1");

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static ServerConfig WithKeys(RateLimitConfig? rateLimit = null) => new()
    {
        ApiKeys =
        [
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(Key)), Tenant = "acme", Name = "acme-key" },
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(OtherKey)), Tenant = "globex", Name = "globex-key" },
        ],
        RateLimit = rateLimit,
    };

    public static async Task<LoopbackServer> StartAsync(OrchestratorRuntime runtime, ServerConfig? server = null, TelemetryConfig? telemetry = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OrchestratorMetrics>();
        builder.Services.AddSingleton(sp => new HostedOrchestrator(runtime, sp.GetRequiredService<OrchestratorMetrics>(), NullLoggerFactory.Instance, TimeProvider.System));
        builder.Services.AddSingleton(new ServeSettings { Server = server ?? new ServerConfig(), Telemetry = telemetry ?? new TelemetryConfig() });
        builder.Services.AddOrchestratorHttpApi();
        var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync();
        return new LoopbackServer(app, new Uri(ServeApp.BoundAddresses(app).Single()));
    }

    public HttpRequestMessage Post(string json, string? key = null, string path = "/v1/chat/completions")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
