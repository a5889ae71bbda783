using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// Every error body is <c>{"error":{"message","type","param","code"}}</c> with <c>param</c> present
/// (null allowed), including the 431 and the non-ASCII Authorization 400 that Kestrel used to
/// answer itself with an empty body. Raw sockets, so the bytes on the wire are what is tested.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ErrorShapeTests(SampleRuntimeFixture fixture)
{
    private const string Hi = """{"model":"orchestrator","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Errors_without_a_field_to_blame_still_carry_param_null()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        using var unauthorized = await server.Client.SendAsync(server.Post(Hi));
        using var missing = await server.Client.GetAsync("/v1/nothing-here");
        using var bad = await server.Client.SendAsync(server.Post("{not json", LoopbackServer.Key));

        foreach (var response in new[] { unauthorized, missing, bad })
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = doc.RootElement.GetProperty("error");
            Assert.True(error.TryGetProperty("param", out var param), $"{(int)response.StatusCode} has no param: {doc.RootElement}");
            Assert.Equal(JsonValueKind.Null, param.ValueKind);
            Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Oversized_headers_get_an_openai_shaped_431()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var big = new string('x', 40 * 1024);

        var reply = await RawAsync(server, Encoding.ASCII.GetBytes($"GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"));

        Assert.Equal(431, reply.Status);
        var error = AssertOpenAiError(reply.Body, "headers_too_large");
        Assert.Contains("32,768", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_header_fields_get_the_same_431()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var many = string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: v\r\n"));

        var reply = await RawAsync(server, Encoding.ASCII.GetBytes($"GET /v1/models HTTP/1.1\r\nHost: localhost\r\n{many}Connection: close\r\n\r\n"));

        Assert.Equal(431, reply.Status);
        AssertOpenAiError(reply.Body, "headers_too_large");
    }

    [Fact]
    public async Task Headers_under_the_limit_pass()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawAsync(server, Encoding.ASCII.GetBytes($"GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('x', 16 * 1024)}\r\nConnection: close\r\n\r\n"));

        Assert.Equal(200, reply.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_non_ascii_authorization_header_gets_an_openai_shaped_400(bool keysConfigured)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, keysConfigured ? LoopbackServer.WithKeys() : null);
        byte[] request = [.. "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-"u8, 0xC3, 0xBC, 0xFF, .. "\r\nConnection: close\r\n\r\n"u8];

        var reply = await RawAsync(server, request);

        Assert.Equal(400, reply.Status);
        var error = AssertOpenAiError(reply.Body, "invalid_header");
        Assert.Equal("authorization", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Other_headers_pass_utf8_text_and_get_a_shaped_400_for_bad_bytes()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var utf8 = await RawAsync(server, [.. "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Name: "u8, 0xC3, 0xBC, .. "\r\nConnection: close\r\n\r\n"u8]);
        var invalid = await RawAsync(server, [.. "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Name: "u8, 0xC3, 0xFF, .. "\r\nConnection: close\r\n\r\n"u8]);

        Assert.Equal(200, utf8.Status);
        Assert.Equal(400, invalid.Status);
        Assert.Equal("x-name", AssertOpenAiError(invalid.Body, "invalid_header").GetProperty("param").GetString());
    }

    private static JsonElement AssertOpenAiError(string body, string code)
    {
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(error.TryGetProperty("param", out _));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return error;
    }

    private static async Task<(int Status, string Body)> RawAsync(LoopbackServer server, byte[] request)
    {
        var reply = await RawHttp.SendAsync(server, request);
        return (reply.Status, reply.Body);
    }
}
