using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// JSON that parses but holds no valid text (a lone surrogate escape, a raw non-UTF-8 byte) in any
/// field the parser reads gets a 400 naming the field, streamed or not; it used to be a 500.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class InvalidTextTests(SampleRuntimeFixture fixture)
{
    // BAD marks where the invalid text goes: a JSON escape of a lone surrogate, or a raw byte.
    private const string Bad = "@BAD@";

    public static TheoryData<string, string> Fields => new()
    {
        { $$"""{"model":"orchestrator","messages":[{"role":"user","content":"hello {{Bad}} there"}]}""", "messages" },
        { $$"""{"model":"orches{{Bad}}trator","messages":[{"role":"user","content":"hello"}]}""", "model" },
        { $$"""{"model":"orchestrator","messages":[{"role":"us{{Bad}}er","content":"hello"}]}""", "messages" },
        { $$"""{"model":"orchestrator","messages":[{"role":"user","content":[{"type":"text","text":"a{{Bad}}"}]}]}""", "messages" },
        { $$"""{"model":"orchestrator","messages":[{"role":"user","content":[{"type":"te{{Bad}}xt","text":"a"}]}]}""", "messages" },
        { $$"""{"model":"orchestrator","messages":[{"role":"system","content":"{{Bad}}"},{"role":"user","content":"hello"}]}""", "messages" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_lone_surrogate_escape_gets_400_naming_the_field(string template, string param)
    {
        foreach (var escape in new[] { "\\ud800", "\\udfff", "\\ud83d\\u0041" })
        {
            await AssertInvalidText(Encoding.UTF8.GetBytes(template.Replace(Bad, escape, StringComparison.Ordinal)), param);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_raw_non_utf8_byte_gets_400_naming_the_field(string template, string param)
    {
        foreach (var raw in new byte[][] { [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80] })
        {
            await AssertInvalidText(Splice(template, raw), param);
        }
    }

    [Fact]
    public async Task Huge_runs_of_invalid_text_are_rejected_the_same_way()
    {
        var escapes = string.Concat(Enumerable.Repeat("\\ud800", 3000));

        await AssertInvalidText(Encoding.UTF8.GetBytes($$"""{"model":"orchestrator","messages":[{"role":"user","content":"{{escapes}}"}]}"""), "messages");
    }

    [Fact]
    public async Task A_long_model_name_cut_inside_an_emoji_still_gets_a_json_400()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var name = new string('m', 63) + "😀😀";

        using var response = await server.Client.SendAsync(server.Post($$"""{"model":"{{name}}","messages":[{"role":"user","content":"hi"}]}"""));

        var message = await ApiAssert.Error(response, HttpStatusCode.BadRequest, "model_not_found");
        Assert.Contains(new string('m', 63), message, StringComparison.Ordinal);
    }

    private async Task AssertInvalidText(byte[] body, string param)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        foreach (var stream in new[] { false, true })
        {
            // "stream":true goes first, so the invalid text is read after the request asked for a stream.
            byte[] bytes = stream ? [.. "{\"stream\":true,"u8, .. body.AsSpan(1)] : body;

            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await server.Client.SendAsync(request);

            var message = await ApiAssert.Error(response, HttpStatusCode.BadRequest, "invalid_text");
            Assert.Contains("not valid text", message, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(param, doc.RootElement.GetProperty("error").GetProperty("param").GetString());
            Assert.Equal("none", ApiAssert.Header(response, "x-orchestrator-route"));
        }
    }

    private static byte[] Splice(string template, byte[] raw)
    {
        var at = template.IndexOf(Bad, StringComparison.Ordinal);
        if (at < 0)
        {
            return Encoding.UTF8.GetBytes(template);
        }

        return [.. Encoding.UTF8.GetBytes(template[..at]), .. raw, .. Encoding.UTF8.GetBytes(template[(at + Bad.Length)..])];
    }
}
