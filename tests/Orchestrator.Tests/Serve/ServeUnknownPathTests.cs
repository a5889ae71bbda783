using System.Net;
using Orchestrator.Cli.SampleTools;
using Orchestrator.Cli.Serve;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// <c>orchestrator serve</c> answers every path; one outside the API gets the contract's error
/// shape (it used to be an empty 404), while the API's own errors are unchanged.
/// </summary>
public sealed class ServeUnknownPathTests
{
    [Fact]
    public async Task Paths_outside_the_api_get_an_openai_shaped_404_and_api_errors_are_unchanged()
    {
        using var dir = new TempDirectory();
        var config = ConfigLoader.Load(RepoPaths.CopySample(dir.Path), BuiltInTools.ValidationContext()).Config!;
        await using var app = ServeApp.Build(config, "http://127.0.0.1:0");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(ServeApp.BoundAddresses(app).Single()) };

        using var root = await client.GetAsync("/");
        using var favicon = await client.GetAsync("/favicon.ico");
        using var posted = await client.PostAsync("/chat/completions", new StringContent("{}"));
        using var huge = await client.GetAsync("/" + new string('a', 4000));
        using var apiMissing = await client.GetAsync("/v1/nothing-here");
        using var apiWrongMethod = await client.GetAsync("/v1/chat/completions");

        Assert.Contains("no such endpoint", await ApiAssert.Error(root, HttpStatusCode.NotFound, "not_found"), StringComparison.Ordinal);
        Assert.Contains("GET /favicon.ico", await ApiAssert.Error(favicon, HttpStatusCode.NotFound, "not_found"), StringComparison.Ordinal);
        await ApiAssert.Error(posted, HttpStatusCode.NotFound, "not_found");
        Assert.True((await ApiAssert.Error(huge, HttpStatusCode.NotFound, "not_found")).Length < 400);
        await ApiAssert.Error(apiMissing, HttpStatusCode.NotFound, "not_found");
        await ApiAssert.Error(apiWrongMethod, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await app.StopAsync();
    }
}
