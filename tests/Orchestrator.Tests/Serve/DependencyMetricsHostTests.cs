using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Serve;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// Two hosts in one process, each with <c>AddOrchestrator</c> over its own (fake, loopback) Qdrant server: each /metrics
/// serves <c>orchestrator_dependency_up{dependency="qdrant"}</c> 1, then 0 with a failure count once its server is gone,
/// and neither host's outage or count shows on the other (the series are on each container's own meter).
/// </summary>
public sealed class DependencyMetricsHostTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    // The Prometheus exporter's default scrape-response cache is 300 ms.
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Two_hosts_serve_their_own_qdrant_series_on_metrics()
    {
        var qdrantA = new FakeQdrantServer();
        var qdrantB = new FakeQdrantServer();
        using var first = QdrantAt(qdrantA.Url);
        using var second = QdrantAt(qdrantB.Url);
        await using var a = await StartAsync(first.ConfigFile);
        await using var b = await StartAsync(second.ConfigFile);
        var reachable = await QdrantSeriesAsync(a);

        await qdrantA.DisposeAsync(); // A's Qdrant goes away; a question needs it
        var answer = await AskAsync(a);
        var downA = await SeriesWhenAsync(a, series => series.Up == 0);
        var stillUpB = await QdrantSeriesAsync(b);

        await qdrantB.DisposeAsync();
        await AskAsync(b);
        var downB = await SeriesWhenAsync(b, series => series.Up == 0);
        await Task.Delay(ScrapeCache); // so the next scrape of A is not its cached answer
        var afterB = await QdrantSeriesAsync(a);

        Assert.Equal((1, 0L), reachable); // the warm-up's ingest reached it; nothing failed
        Assert.NotEqual(HttpStatusCode.InternalServerError, answer);
        Assert.True(downA.Failures > 0, "the failed search is counted");
        Assert.Equal((1, 0L), stillUpB); // B's Qdrant is up: A's outage is not B's
        Assert.Equal(downA, downB); // B counted its own failures only
        Assert.Equal(downA, afterB); // and A's did not grow with B's
        Assert.Equal(1, await RequestsAsync(a)); // the request series too: A answered one question, B another
    }

    private static async Task<long> RequestsAsync(WebApplication app)
    {
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };
        var text = await client.GetStringAsync("/metrics");
        return Regex.Matches(text, "^orchestrator_requests_total\\{[^}]*\\} (\\d+)", RegexOptions.Multiline)
            .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Scrapes until <paramref name="expected"/> holds: the exporter answers from a cache for a moment after each scrape.</summary>
    private static async Task<(int Up, long Failures)> SeriesWhenAsync(WebApplication app, Func<(int Up, long Failures), bool> expected)
    {
        using var bound = new CancellationTokenSource(HangBound);
        var series = await QdrantSeriesAsync(app);
        while (!expected(series))
        {
            await Task.Delay(100, bound.Token);
            series = await QdrantSeriesAsync(app);
        }

        return series;
    }

    private static MiniDeployment QdrantAt(Uri url)
    {
        var deployment = new MiniDeployment();
        File.AppendAllText(deployment.ConfigFile, $"""

            store:
              provider: qdrant
              url: {url}

            """);
        return deployment;
    }

    private static async Task<HttpStatusCode> AskAsync(WebApplication app)
    {
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };
        using var content = new StringContent("""{"model":"orchestrator","messages":[{"role":"user","content":"Where can I park my car?"}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/chat/completions", content);
        return response.StatusCode;
    }

    private static async Task<WebApplication> StartAsync(string configFile)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOrchestrator(o => { o.ConfigFile = configFile; o.WarmUpInBackground = false; });
        var app = builder.Build();
        app.MapOrchestrator();
        using var bound = new CancellationTokenSource(HangBound);
        await app.StartAsync(bound.Token);
        return app;
    }

    private static async Task<(int Up, long Failures)> QdrantSeriesAsync(WebApplication app)
    {
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var up = Regex.Match(text, "^orchestrator_dependency_up\\{[^}]*dependency=\"qdrant\"[^}]*\\} (\\d+)", RegexOptions.Multiline);
        var failures = Regex.Match(text, "^orchestrator_dependency_failures_total\\{[^}]*dependency=\"qdrant\"[^}]*store=\"vectors\"[^}]*\\} (\\d+)", RegexOptions.Multiline);
        Assert.True(up.Success, "no qdrant gauge on /metrics:\n" + text);
        var failed = failures.Success ? long.Parse(failures.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0; // no series before the first failure
        return (int.Parse(up.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), failed);
    }
}
