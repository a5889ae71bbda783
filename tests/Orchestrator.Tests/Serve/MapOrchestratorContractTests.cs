using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Tests.Hosting;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// The CONTRACTS "Library API" for ASP.NET Core: <c>AddOrchestrator</c> plus <c>app.MapOrchestrator()</c>,
/// nothing else, serves the HTTP API with the host's own tool.
/// </summary>
public sealed class MapOrchestratorContractTests
{
    [Fact]
    public async Task AddOrchestrator_and_MapOrchestrator_alone_serve_the_api()
    {
        using var deployment = new ShopDeployment();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOrchestrator(o => { o.ConfigFile = deployment.ConfigFile; o.WarmUpInBackground = false; }).AddTools<OrderTools>();
        await using var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var ready = await client.GetAsync("/readyz");
        using var models = await client.GetAsync("/v1/models");
        using var chat = await client.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"orchestrator","messages":[{"role":"user","content":"Where is order 12345?"}]}""", System.Text.Encoding.UTF8, "application/json"));
        using var metrics = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"orders\"", await models.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        using var body = JsonDocument.Parse(await chat.Content.ReadAsStringAsync());
        Assert.Equal("get_order_status", body.RootElement.GetProperty("orchestrator").GetProperty("tool_calls")[0].GetProperty("name").GetString());
        Assert.Equal("orders", chat.Headers.GetValues("x-orchestrator-route").Single());
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        await app.StopAsync();
    }
}
