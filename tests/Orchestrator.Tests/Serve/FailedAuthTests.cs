using System.Net;
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
using Orchestrator.State;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.State;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// server.failed_auth: repeated wrong keys from one address are refused with 429 (issue 12, item 10),
/// the log names the address and never the key, and on Redis the count is shared by replicas.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class FailedAuthTests(SampleRuntimeFixture fixture)
{
    private const string WrongKey = "sk-guess-000000000000";

    [Fact]
    public async Task Six_hundred_wrong_keys_from_one_address_are_cut_off_with_429()
    {
        using var logs = new CapturingLoggerProvider();
        await using var server = await StartAsync(logs, new InMemoryRateLimitStore());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 600; i++)
        {
            using var response = await server.Client.SendAsync(Models(WrongKey + i));
            statuses.Add(response.StatusCode);
        }

        using var rightKeyWhileBlocked = await server.Client.SendAsync(Models(LoopbackServer.Key));

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 580, string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));
        var message = await ApiAssert.Error(rightKeyWhileBlocked, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("server.failed_auth", message, StringComparison.Ordinal);
        Assert.NotNull(rightKeyWhileBlocked.Headers.RetryAfter);
        Assert.Contains(logs.Lines, l => l.Contains("failed authentication from 127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("refused 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("sk-guess", StringComparison.Ordinal) || l.Contains(LoopbackServer.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Right_keys_do_not_use_up_the_failed_attempts()
    {
        using var logs = new CapturingLoggerProvider();
        await using var server = await StartAsync(logs, new InMemoryRateLimitStore());

        for (var i = 0; i < 30; i++)
        {
            using var response = await server.Client.SendAsync(Models(LoopbackServer.Key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var wrong = await server.Client.SendAsync(Models(WrongKey));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [RedisFact]
    public async Task Replicas_on_redis_share_the_failed_attempts_of_an_address()
    {
        await using var redis = await RedisStateHarness.StartAsync();
        using var logs = new CapturingLoggerProvider();
        await using var first = await StartAsync(logs, redis.RateLimits());
        await using var second = await StartAsync(logs, redis.RateLimits());

        for (var i = 0; i < 10; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).Client.SendAsync(Models(WrongKey));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var eleventh = await second.Client.SendAsync(Models(WrongKey));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
    }

    private static HttpRequestMessage Models(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private async Task<Server> StartAsync(ILoggerProvider logs, IRateLimitStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OrchestratorMetrics>();
        builder.Services.AddSingleton(sp => new HostedOrchestrator(fixture.Runtime, sp.GetRequiredService<OrchestratorMetrics>(), NullLoggerFactory.Instance, TimeProvider.System));
        builder.Services.AddSingleton(new ServeSettings { Server = LoopbackServer.WithKeys() });
        builder.Services.AddSingleton(store);
        builder.Services.AddOrchestratorHttpApi();
        var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync();
        return new Server(app, new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) });
    }

    private sealed class Server(WebApplication app, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
