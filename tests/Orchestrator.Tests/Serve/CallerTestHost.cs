using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Tests.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A host on real Kestrel (loopback, port 0) with the shop deployment, its personal order tool and the
/// orchestrator's API, plus the test's own endpoints: for the tests of a host endpoint's caller.
/// </summary>
internal sealed record CallerTestHost(WebApplication App, HttpClient Client, CapturingLoggerProvider Logs, ShopDeployment Deployment) : IAsyncDisposable
{
    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>Starts it with <paramref name="serverYaml"/> appended to the configuration, on <paramref name="clock"/> when given.</summary>
    public static async Task<CallerTestHost> StartAsync(string serverYaml, Action<WebApplication> mapEndpoints, TimeProvider? clock = null)
    {
        var deployment = new ShopDeployment(toolName: "get_customer_orders");
        File.AppendAllText(deployment.ConfigFile, serverYaml);
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddOrchestrator(o => { o.ConfigFile = deployment.ConfigFile; o.WarmUpInBackground = false; }).AddTools<CustomerOrderTools>();
        var app = builder.Build();
        app.MapOrchestrator();
        mapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new CallerTestHost(app, new HttpClient { BaseAddress = new Uri(address) }, logs, deployment);
    }

    public async Task<HttpResponseMessage> SendAsync(string path, string? authorization, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The reply's text, after checking its status.</summary>
    public async Task<string> TextAsync(string path, string? authorization, HttpStatusCode expected, params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync(path, authorization, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Logs.Dispose();
        Deployment.Dispose();
    }
}
