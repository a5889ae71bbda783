using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>POST /v1/chat/completions: reply shapes, headers and every 400/413 path, over raw HTTP.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ChatContractTests(SampleRuntimeFixture fixture)
{
    private const string Vacation = """{"model":"orchestrator","messages":[{"role":"user","content":"How many vacation days do I get?"}]}""";

    [Fact]
    public async Task Non_streamed_reply_has_the_openai_shape_plus_orchestrator_metadata()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(Vacation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hr-policy", ApiAssert.Header(response, "x-orchestrator-route"));
        Assert.Equal("false", ApiAssert.Header(response, "x-orchestrator-escalated"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.True(root.GetProperty("created").GetInt64() > 1_600_000_000);
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(0, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        var meta = root.GetProperty("orchestrator");
        Assert.False(meta.TryGetProperty("answer", out _));
        foreach (var field in new[] { "route", "citations", "tool_calls", "guardian", "escalation", "cost", "timings_ms" })
        {
            Assert.True(meta.TryGetProperty(field, out _), $"orchestrator.{field} missing");
        }

        Assert.Equal("hr-policy", meta.GetProperty("route").GetProperty("agent").GetString());
    }

    [Fact]
    public async Task Streamed_reply_is_sse_with_role_content_finish_metadata_and_done()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(Vacation.Replace("\"model\"", "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\"", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hr-policy", ApiAssert.Header(response, "x-orchestrator-route"));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.Contains("25", text, StringComparison.Ordinal);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal("hr-policy", chunks[^1].GetProperty("orchestrator").GetProperty("route").GetProperty("agent").GetString());
        Assert.True(chunks[^1].TryGetProperty("usage", out _));
    }

    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("", "invalid_json")]
    [InlineData("[1,2]", "invalid_type")]
    [InlineData("\"just a string\"", "invalid_type")]
    [InlineData("""{"model":5,"messages":[{"role":"user","content":"hi"}]}""", "invalid_type")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "invalid_request")]
    [InlineData("""{"model":"orchestrator","messages":"hi"}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":42}]}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","messages":["hi"]}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":7,"content":"hi"}]}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"wizard","content":"hi"}]}""", "invalid_request")]
    [InlineData("""{"model":"orchestrator","stream":"yes","messages":[{"role":"user","content":"hi"}]}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""", "invalid_type")]
    [InlineData("""{"model":"orchestrator","n":3,"messages":[{"role":"user","content":"hi"}]}""", "invalid_request")]
    [InlineData("""{"model":"orchestrator","messages":[]}""", "empty_messages")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"system","content":"be nice"}]}""", "no_user_message")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}""", "no_user_message")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":"   "}]}""", "empty_message")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x"}}]}]}""", "unsupported_content")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":[{"type":"text","text":5}]}]}""", "invalid_type")]
    [InlineData("""{"model":"hr-polcy","messages":[{"role":"user","content":"hi"}]}""", "model_not_found")]
    [InlineData("""{"model":"orchestrator","messages":[{"role":"user","content":"bell \u0007 here"}]}""", "invalid_request")]
    public async Task Bad_requests_get_400_in_the_openai_shape_with_both_headers(string body, string code)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post(body));

        await ApiAssert.Error(response, HttpStatusCode.BadRequest, code);
        Assert.Equal("none", ApiAssert.Header(response, "x-orchestrator-route"));
        Assert.Equal("false", ApiAssert.Header(response, "x-orchestrator-escalated"));
    }

    [Fact]
    public async Task Content_parts_and_developer_messages_are_accepted()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        const string body = """{"model":"orchestrator","max_tokens":50,"temperature":0.2,"user":"u1","messages":[{"role":"developer","content":"be brief"},{"role":"user","content":[{"type":"text","text":"How do I report"},{"type":"text","text":"a phishing email?"}]}]}""";

        using var response = await server.Client.SendAsync(server.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("security-policy", ApiAssert.Header(response, "x-orchestrator-route"));
    }

    [Fact]
    public async Task Unknown_agent_message_lists_the_models()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

        var message = await ApiAssert.Error(response, HttpStatusCode.BadRequest, "model_not_found");
        Assert.Contains("hr-policy", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_json_is_rejected_not_crashed_on()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var nested = new string('[', 5000) + new string(']', 5000);

        using var response = await server.Client.SendAsync(server.Post($$"""{"model":"orchestrator","messages":[{"role":"user","content":"hi","x":{{nested}}}]}"""));

        await ApiAssert.Error(response, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413_with_or_without_content_length()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, new ServerConfig { MaxBodyBytes = 4096 });
        var huge = $$"""{"model":"orchestrator","messages":[{"role":"user","content":"{{new string('a', 10_000)}}"}]}""";

        using var sized = await server.Client.SendAsync(server.Post(huge));
        var message = await ApiAssert.Error(sized, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Contains("server.max_body_bytes", message, StringComparison.Ordinal);

        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))) };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunked = await server.Client.SendAsync(chunkedRequest);
        await ApiAssert.Error(chunked, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task Too_many_messages_and_too_long_messages_name_the_limit()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, new ServerConfig { MaxMessages = 3, MaxMessageChars = 100 });
        var many = """{"model":"orchestrator","messages":[""" + string.Join(",", Enumerable.Repeat("""{"role":"user","content":"hi"}""", 4)) + "]}";
        var longHistory = $$"""{"model":"orchestrator","messages":[{"role":"user","content":"{{new string('a', 101)}}"},{"role":"user","content":"hi"}]}""";
        var longLatest = $$"""{"model":"orchestrator","messages":[{"role":"user","content":"{{new string('a', 4001)}}"}]}""";

        using var tooMany = await server.Client.SendAsync(server.Post(many));
        Assert.Contains("server.max_messages", await ApiAssert.Error(tooMany, HttpStatusCode.BadRequest, "too_many_messages"), StringComparison.Ordinal);
        using var tooLong = await server.Client.SendAsync(server.Post(longHistory));
        Assert.Contains("server.max_message_chars", await ApiAssert.Error(tooLong, HttpStatusCode.BadRequest, "message_too_long"), StringComparison.Ordinal);
        using var latest = await server.Client.SendAsync(server.Post(longLatest));
        Assert.Contains("limits.max_input_chars", await ApiAssert.Error(latest, HttpStatusCode.BadRequest, "invalid_request"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streamed_request_with_bad_input_gets_a_json_400_not_an_event_stream()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var response = await server.Client.SendAsync(server.Post($$"""{"model":"orchestrator","stream":true,"messages":[{"role":"user","content":"{{new string('a', 4001)}}"}]}"""));

        await ApiAssert.Error(response, HttpStatusCode.BadRequest, "invalid_request");
    }
}
