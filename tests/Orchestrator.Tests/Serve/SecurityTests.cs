using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>API keys (401) and the per-key rate limit (429).</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class SecurityTests(SampleRuntimeFixture fixture)
{
    private const string Hi = """{"model":"orchestrator","messages":[{"role":"user","content":"How do I reset my password?"}]}""";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer sk-not-a-key")]
    [InlineData("Bearer sk-test-acme-0123456789x")]
    [InlineData("Bearer two words")]
    public async Task Missing_malformed_or_unknown_keys_get_401(string? authorization)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        using var request = server.Post(Hi);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Client.SendAsync(request);

        await ApiAssert.Error(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("none", ApiAssert.Header(response, "x-orchestrator-route"));
    }

    [Fact]
    public async Task A_huge_authorization_header_is_rejected_without_hashing_it()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        using var response = await server.Client.SendAsync(server.Post(Hi, new string('k', 8000)));

        await ApiAssert.Error(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Models_need_a_key_too_and_a_valid_key_passes()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        using var without = await server.Client.GetAsync("/v1/models");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LoopbackServer.OtherKey);
        using var with = await server.Client.SendAsync(request);

        await ApiAssert.Error(without, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after_per_key()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys(new RateLimitConfig { RequestsPerMinute = 1, Burst = 2 }));

        async Task<HttpResponseMessage> Models(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return await server.Client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Models(LoopbackServer.Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Models(LoopbackServer.Key)).StatusCode);
        using var limited = await Models(LoopbackServer.Key);
        var message = await ApiAssert.Error(limited, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("server.rate_limit", message, StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After was {limited.Headers.RetryAfter}");

        // Another key has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await Models(LoopbackServer.OtherKey)).StatusCode);
    }
}
