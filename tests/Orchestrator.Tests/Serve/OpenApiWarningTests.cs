using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Tests.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A host of its own may bind any address, where <c>orchestrator serve</c> refuses a non-loopback
/// address without keys; so the API says, once, when it answers a remote caller with no
/// <c>server.api_keys</c> configured (walk32: it served the network silently).
/// </summary>
public sealed class OpenApiWarningTests
{
    private const string Warning = "server.api_keys is empty";

    [Fact]
    public async Task A_remote_caller_answered_without_keys_is_logged_once_and_loopback_callers_never()
    {
        using var deployment = new ShopDeployment();
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(logs);
        builder.Services.AddOrchestrator(o => { o.ConfigFile = deployment.ConfigFile; o.WarmUpInBackground = false; }).AddTools<OrderTools>();
        await using var app = builder.Build();
        var remote = false;
        app.Use((context, next) =>
        {
            if (remote)
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"); // as behind a 0.0.0.0 binding
            }

            return next(context);
        });
        app.MapOrchestrator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var local = await client.GetAsync("/v1/models");
        var afterLocal = logs.Lines.Count(l => l.Contains(Warning, StringComparison.Ordinal));
        remote = true;
        using var first = await client.GetAsync("/v1/models");
        using var second = await client.GetAsync("/v1/models");
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, afterLocal);
        var warning = Assert.Single(logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", warning, StringComparison.Ordinal);
    }
}
