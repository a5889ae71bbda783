using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Cli.Serve;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary><c>serve</c> as a thin web host: the core's logs reach the host's logging, readiness follows the warm-up, metrics are counted once.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ServeHostTests(SampleRuntimeFixture fixture)
{
    [Fact]
    public async Task Serve_host_reports_warm_up_in_readyz_and_the_cores_logs_reach_the_hosts_logger()
    {
        using var dir = new TempDirectory();
        var configFile = RepoPaths.CopySample(dir.Path);
        var config = ConfigLoader.Load(configFile, BuiltInTools.ValidationContext()).Config!;
        using var logs = new CapturingLoggerProvider();
        await using var app = ServeApp.Build(config, "http://127.0.0.1:0", logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };

        using var first = await client.GetAsync("/readyz");
        if (first.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            using var doc = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
            Assert.Equal("warming up", doc.RootElement.GetProperty("reason").GetString());
        }

        // A patience limit, not a speed check: a fresh router fit on a heavily loaded 2-core machine took over 2 minutes.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            using var ready = await client.GetAsync("/readyz");
            status = ready.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(logs.Lines, l => l.StartsWith("Information Orchestrator.Hosting.HostedOrchestrator: Orchestrator ready in", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Orchestrator warm-up: " + RouterFitStatus.Fitting, StringComparison.Ordinal) || l.Contains("Orchestrator warm-up: " + RouterFitStatus.LoadedFromCache, StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public async Task Streamed_and_plain_requests_are_each_counted_once()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var routes = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "orchestrator.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (routes)
            {
                routes.Add(tags.ToArray().Single(t => t.Key == "route").Value as string);
            }
        });
        listener.Start();

        using var plain = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","messages":[{"role":"user","content":"How do I report a phishing email?"}]}"""));
        using var streamed = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","stream":true,"messages":[{"role":"user","content":"How do I report a phishing email?"}]}"""));
        _ = await streamed.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (plain.StatusCode, streamed.StatusCode));
        Assert.Equal(["security-policy", "security-policy"], routes);
    }
}
