using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Orchestrator.Configuration;
using Orchestrator.Cli.Serve;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Serve;

/// <summary>The real service on Kestrel, bound to 127.0.0.1 on a free port, over an already started runtime.</summary>
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

    public static ServerConfig WithKeys(RateLimitConfig? rateLimit = null) => new()
    {
        ApiKeys =
        [
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyAuthenticator.HashHex(Key)), Tenant = "acme", Name = "acme-key" },
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyAuthenticator.HashHex(OtherKey)), Tenant = "globex", Name = "globex-key" },
        ],
        RateLimit = rateLimit,
    };

    public static async Task<LoopbackServer> StartAsync(OrchestratorRuntime runtime, ServerConfig? server = null)
    {
        var app = ServeHost.Build(runtime, new ServeSettings { Urls = "http://127.0.0.1:0", Server = server ?? new ServerConfig() });
        await app.StartAsync();
        var address = ServeHost.BoundAddresses(app).Single();
        return new LoopbackServer(app, new Uri(address));
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
