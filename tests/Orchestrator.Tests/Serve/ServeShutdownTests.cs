using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.AspNetCore;
using Orchestrator.Cli.Serve;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Hosting;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// SIGTERM behind a load balancer: <c>/readyz</c> turns 503 first, and with <c>server.drain_seconds</c>
/// the server keeps answering for that long before it refuses new connections.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ServeShutdownTests(SampleRuntimeFixture fixture)
{
    [Fact]
    public async Task On_stop_readyz_turns_503_while_the_api_still_answers_for_the_drain_then_the_stop_completes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OrchestratorMetrics>();
        builder.Services.AddSingleton(sp => new HostedOrchestrator(fixture.Runtime, sp.GetRequiredService<OrchestratorMetrics>(), NullLoggerFactory.Instance, time));
        builder.Services.AddSingleton(new ServeSettings { Server = new ServerConfig { DrainSeconds = 20 } });
        builder.Services.AddOrchestratorHttpApi();
        await using var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };
        using (var before = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var stopping = app.StopAsync();

        // The drain waits on the fake clock, so nothing below races it: the server is still listening.
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("shutting down", body.RootElement.GetProperty("reason").GetString());
        }

        using (var models = await client.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        }

        Assert.False(stopping.IsCompleted);
        Assert.Contains(logs.Lines, l => l.Contains("stopping: /readyz now answers 503; 0 request(s) in flight; serving 20 s more", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromSeconds(20));
        await stopping.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Contains(logs.Lines, l => l.Contains("stopped: every request in flight was answered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_whose_connection_the_stop_closed_is_logged_as_unanswered_not_as_a_clean_stop()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var services = new ServiceCollection().AddSingleton(new ServeSettings()).BuildServiceProvider();
        var traffic = new ServeTraffic();
        var shutdown = new ServeShutdown(services, traffic, TimeProvider.System, factory.CreateLogger<ServeShutdown>());
        traffic.Enter();

        await shutdown.StoppingAsync(CancellationToken.None);

        // The shutdown timeout aborted the connection: the request unwinds, and only then is the host stopped.
        traffic.Leave(aborted: true);
        await shutdown.StoppedAsync(CancellationToken.None);

        Assert.Contains(logs.Lines, l => l.Contains("stopped with 1 request(s) unanswered", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("every request in flight was answered", StringComparison.Ordinal));
    }
}
