using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orchestrator.AspNetCore;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// Header values Kestrel cannot decode, with control characters, empty, huge or in great numbers,
/// over real loopback HTTP with raw bytes: each gets an OpenAI-shaped error that names the header
/// and never quotes its value, or passes; only requests beyond Kestrel's own room (128 KiB, 400
/// fields), NUL bytes and malformed header names still get Kestrel's bare reply, since its HTTP/1.1
/// parser refuses them before any middleware (README, "Limits").
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class HeaderEdgeCaseTests(SampleRuntimeFixture fixture)
{
    private const string Hi = """{"model":"orchestrator","messages":[{"role":"user","content":"hi"}]}""";
    private const string Secret = "sk-live-do-not-echo";

    public static TheoryData<string, byte[]> HostileValues() => new()
    {
        { "bytes that are not UTF-8", [0xFF, 0xFE] },
        { "a lone continuation byte", [.. "ab"u8, 0x80, .. "cd"u8] },
        { "an overlong slash", [0xC0, 0xAF] },
        { "an encoded surrogate", [0xED, 0xA0, 0x80] },
        { "a cut four-byte sequence", [.. "x"u8, 0xF0, 0x9F] },
        { "a literal replacement character", [0xEF, 0xBF, 0xBD] },
        { "a control character", [.. "a"u8, 0x01, .. "b"u8] },
        { "DEL", [.. "a"u8, 0x7F] },
        { "an escape sequence", [0x1B, .. "[31mred"u8] },
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Any_header_with_a_value_that_is_not_text_gets_a_shaped_400_naming_it(string what, byte[] value)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", [.. "X-Foo: "u8, .. value, .. "\r\n"u8]));

        Assert.True(reply.Status == 400, $"{what}: {reply.Status} {reply.Body}");
        var error = AssertShaped(reply.Body, "invalid_header");
        Assert.Equal("x-foo", error.GetProperty("param").GetString());
        Assert.Contains("'X-Foo'", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_header_on_a_chat_request_with_a_valid_key_is_refused_before_the_pipeline_and_the_value_is_not_echoed()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());
        byte[] headers = [.. Encoding.ASCII.GetBytes($"Authorization: Bearer {LoopbackServer.Key}\r\nX-Session: {Secret}"), 0xFF, .. "\r\n"u8];

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("POST", "/v1/chat/completions", headers, Hi));

        Assert.Equal(400, reply.Status);
        AssertShaped(reply.Body, "invalid_header");
        Assert.DoesNotContain(Secret, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_a_bad_byte_is_never_quoted_back()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, LoopbackServer.WithKeys());

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", [.. Encoding.ASCII.GetBytes($"Authorization: Bearer {Secret}"), 0xC3, .. "\r\n"u8]));

        Assert.Equal(400, reply.Status);
        Assert.Equal("authorization", AssertShaped(reply.Body, "invalid_header").GetProperty("param").GetString());
        Assert.DoesNotContain(Secret, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_text_tabs_and_empty_values_pass()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        byte[] headers = [.. "X-Name: J\u00fcrgen \u00d8stergaard \U0001F600\r\nX-Tabbed: a\tb\r\nX-Empty:\r\nX-Blank:    \r\n"u8];

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", headers));

        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Identity_headers_carry_utf8_user_names_and_bad_bytes_in_them_get_a_shaped_400()
    {
        var config = new ServerConfig
        {
            ApiKeys = LoopbackServer.WithKeys().ApiKeys,
            IdentityHeaders = new IdentityHeadersConfig { User = "X-Forwarded-User", Roles = "X-Forwarded-Roles" },
        };
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, config);
        var auth = Encoding.ASCII.GetBytes($"Authorization: Bearer {LoopbackServer.Key}\r\n");

        var named = await RawHttp.SendAsync(server, RawHttp.Request("POST", "/v1/chat/completions", [.. auth, .. "X-Forwarded-User: j\u00fcrgen.m\u00fcller\r\nX-Forwarded-Roles: staff\r\n"u8], Hi));
        var badUser = await RawHttp.SendAsync(server, RawHttp.Request("POST", "/v1/chat/completions", [.. auth, .. "X-Forwarded-User: j"u8, 0xFC, .. "rgen\r\n"u8], Hi));
        var badRoles = await RawHttp.SendAsync(server, RawHttp.Request("POST", "/v1/chat/completions", [.. auth, .. "X-Forwarded-User: anna\r\nX-Forwarded-Roles: staff,"u8, 0xFF, .. "\r\n"u8], Hi));

        Assert.Equal(200, named.Status);
        Assert.Equal(400, badUser.Status);
        Assert.Equal("x-forwarded-user", AssertShaped(badUser.Body, "invalid_header").GetProperty("param").GetString());
        Assert.Equal(400, badRoles.Status);
        Assert.Equal("x-forwarded-roles", AssertShaped(badRoles.Body, "invalid_header").GetProperty("param").GetString());
    }

    [Fact]
    public void Kestrel_decodes_every_header_as_utf8_and_marks_bad_bytes_instead_of_failing()
    {
        var options = new KestrelServerOptions();

        ServeHeaderLimits.ConfigureKestrel(options);
        var encoding = options.RequestHeaderEncodingSelector("X-Forwarded-User")!;

        Assert.Equal("j\u00fcrgen", encoding.GetString("j\u00fcrgen"u8));
        Assert.Equal("j\uFFFDrgen", encoding.GetString([.. "j"u8, 0xFC, .. "rgen"u8]));
        Assert.Equal(128 * 1024, options.Limits.MaxRequestHeadersTotalSize);
        Assert.Equal(400, options.Limits.MaxRequestHeaderCount);
    }

    [Fact]
    public void A_host_that_chose_its_own_encoding_or_larger_limits_keeps_them()
    {
        var options = new KestrelServerOptions { RequestHeaderEncodingSelector = name => name == "X-Legacy" ? Encoding.Latin1 : null };
        options.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;

        ServeHeaderLimits.ConfigureKestrel(options);

        Assert.Same(Encoding.Latin1, options.RequestHeaderEncodingSelector("X-Legacy"));
        Assert.Same(ServeHeaderLimits.ValueEncoding, options.RequestHeaderEncodingSelector("X-Other"));
        Assert.Equal(1024 * 1024, options.Limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public async Task The_hosts_own_paths_refuse_bad_bytes_as_kestrel_did_and_pass_what_it_passed()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/somewhere-else", [.. "X-Foo: "u8, 0xFF, .. "\r\n"u8]));
        var control = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/somewhere-else", [.. "X-Foo: a"u8, 0x01, .. "b\r\n"u8]));

        Assert.Equal(400, reply.Status);
        AssertShaped(reply.Body, "invalid_header");
        Assert.Equal(404, control.Status);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public async Task One_huge_header_line_up_to_kestrels_room_gets_a_shaped_431(int kib)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", Encoding.ASCII.GetBytes($"X-Big: {new string('x', kib * 1024)}\r\n")));

        Assert.Equal(431, reply.Status);
        AssertShaped(reply.Body, "headers_too_large");
    }

    [Fact]
    public async Task Many_multi_byte_characters_count_as_bytes_not_characters()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        // 12,000 three-byte characters: 36,000 bytes on the wire, over the 32 KiB limit.
        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", Encoding.UTF8.GetBytes($"X-Big: {new string('\u20ac', 12_000)}\r\n")));

        Assert.Equal(431, reply.Status);
        AssertShaped(reply.Body, "headers_too_large");
    }

    [Fact]
    public async Task Beyond_kestrels_room_the_reply_is_kestrels_bare_431()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", Encoding.ASCII.GetBytes($"X-Big: {new string('x', 129 * 1024)}\r\n")));

        Assert.Equal(431, reply.Status);
        Assert.Equal("", reply.Body);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(450, false)]
    public async Task Very_many_headers_get_431_shaped_up_to_kestrels_count(int count, bool shaped)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);
        var many = string.Concat(Enumerable.Range(0, count).Select(i => $"X-H{i}: v\r\n"));

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", Encoding.ASCII.GetBytes(many)));

        Assert.Equal(431, reply.Status);
        if (shaped)
        {
            AssertShaped(reply.Body, "headers_too_large");
        }
        else
        {
            Assert.Equal("", reply.Body);
        }
    }

    [Fact]
    public async Task A_nul_in_a_value_is_refused_by_kestrels_parser_with_a_bare_400()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", [.. "X-Foo: a"u8, 0x00, .. "b\r\n"u8]));

        Assert.Equal(400, reply.Status);
        Assert.Equal("", reply.Body);
    }

    [Fact]
    public async Task A_header_name_with_bad_bytes_is_kestrels_bare_400_not_a_hang_or_crash()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        var reply = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/v1/models", [.. "X-F"u8, 0xFF, .. "o: v\r\n"u8]));

        Assert.Equal(400, reply.Status);
        Assert.DoesNotContain("Exception", reply.Body, StringComparison.Ordinal);
    }

    private static JsonElement AssertShaped(string body, string code)
    {
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error").Clone();
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return error;
    }
}
