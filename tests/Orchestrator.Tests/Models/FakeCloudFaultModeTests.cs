using System.Net;
using System.Text;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models;

/// <summary>The fake cloud's failure modes behave like the real faults they stand for, on the wire.</summary>
public sealed class FakeCloudFaultModeTests
{
    private static StringContent Body(bool stream) => new(
        $$"""{"model":"m","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
        Encoding.UTF8,
        "application/json");

    [Fact]
    public async Task RateLimitedCarriesRetryAfter()
    {
        await using var server = FakeOpenAiServer.Start();
        server.Enqueue(FakeOpenAiReply.RateLimited(7));
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: false));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Contains("rate_limit_exceeded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConnectionResetFailsTheRequest()
    {
        await using var server = FakeOpenAiServer.Start();
        server.Enqueue(FakeOpenAiReply.ConnectionReset());
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: false)));
    }

    [Fact]
    public async Task StreamCutEndsWithoutDone()
    {
        await using var server = FakeOpenAiServer.Start();
        server.Enqueue(FakeOpenAiReply.StreamCut("one two three four five", chunks: 3));
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: true), CancellationToken.None);
        var read = new StringBuilder();
        var failed = false;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            read.Append(await reader.ReadToEndAsync());
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            failed = true;
        }

        Assert.DoesNotContain("[DONE]", read.ToString(), StringComparison.Ordinal);
        Assert.True(failed || read.ToString().Split("data: ").Length - 1 <= 3, read.ToString());
    }

    [Fact]
    public async Task ResponderChoosesRepliesPerRequest()
    {
        await using var server = FakeOpenAiServer.Start();
        var count = 0;
        server.Responder = _ => Interlocked.Increment(ref count) % 2 == 0 ? FakeOpenAiReply.Error(503) : FakeOpenAiReply.WithText("fine");
        using var http = new HttpClient();
        using var first = await http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: false));
        using var second = await http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: false));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task MalformedJsonIsServedAsIs()
    {
        await using var server = FakeOpenAiServer.Start();
        server.Enqueue(FakeOpenAiReply.MalformedJson());
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(server.Endpoint + "/chat/completions"), Body(stream: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(body));
    }
}
