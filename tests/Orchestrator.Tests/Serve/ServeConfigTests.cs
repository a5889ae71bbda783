using Orchestrator.Configuration;
using Orchestrator.Cli.Serve;
using Orchestrator.Tests.Agents;
using Orchestrator.Tests.Cli;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Serve;

/// <summary><c>server:</c>, <c>telemetry:</c>, <c>router.stickiness</c>, the binding check and <c>keys hash</c>.</summary>
public sealed class ServeConfigTests
{
    private const string Hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // sha256("abc")

    private static ConfigLoadResult LoadWithAppended(string yaml)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml + "\n" + yaml);
        return fixture.Load();
    }

    private static ConfigLoadResult LoadWithRouterExtra(string yaml)
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace("  embedder: embedder\n", "  embedder: embedder\n" + yaml + "\n", StringComparison.Ordinal));
        return fixture.Load();
    }

    [Fact]
    public void Server_telemetry_and_stickiness_are_read()
    {
        var result = LoadWithAppended($$"""
            server:
              api_keys:
                - { sha256: {{Hash}}, tenant: acme, name: acme-prod }
                - sha256: {{Hash.ToUpperInvariant().Replace('B', 'C')}}
                  tenant: globex
              rate_limit: { requests_per_minute: 120, burst: 10 }
              max_body_bytes: 65536
              max_messages: 10
              max_message_chars: 2000
            telemetry: { otlp_endpoint: "http://localhost:4317", service_name: assistant }
            """);

        Assert.Empty(result.Errors);
        var server = result.Config!.Server;
        Assert.Equal(2, server.ApiKeys.Count);
        Assert.Equal(Hash, Convert.ToHexStringLower(server.ApiKeys[0].Sha256.Span));
        Assert.Equal(("acme", "acme-prod"), (server.ApiKeys[0].Tenant, server.ApiKeys[0].Name));
        Assert.Equal("globex-2", server.ApiKeys[1].Name);
        Assert.Equal((120, 10), (server.RateLimit!.RequestsPerMinute, server.RateLimit.Burst));
        Assert.Equal((65536L, 10, 2000), (server.MaxBodyBytes, server.MaxMessages, server.MaxMessageChars));
        Assert.Equal(new Uri("http://localhost:4317"), result.Config.Telemetry.OtlpEndpoint);
        Assert.True(result.Config.Router.Stickiness.Enabled);
    }

    private const string OtherHash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // sha256("hello")

    // An unnamed key is named <tenant>-<position>; an explicit name equal to it would share its rate-limit bucket.
    [Theory]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: acme, name: globex-2 }\n    - { sha256: " + OtherHash + ", tenant: globex }",
        "the unnamed key server.api_keys[1] would be named 'globex-2' (tenant-position), the name server.api_keys[0] gives itself")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: globex }\n    - { sha256: " + OtherHash + ", tenant: acme, name: globex-1 }",
        "api key name 'globex-1' of server.api_keys[1] is already the name of server.api_keys[0] (the name an unnamed key gets: tenant-position)")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: acme, name: ops }\n    - { sha256: " + OtherHash + ", tenant: globex, name: ops }",
        "api key name 'ops' of server.api_keys[1] is already the name of server.api_keys[0]")]
    public void A_key_name_equal_to_another_keys_name_is_an_error_naming_both(string yaml, string fragment)
    {
        var result = LoadWithAppended(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0);
    }

    [Theory]
    [InlineData("server:\n  api_keys:\n    - { sha256: sk-live-plaintext-key, tenant: acme }", "'sha256' is not a SHA-256 digest (21 characters)")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + " }", "missing required field 'tenant' in server.api_keys[0]")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: a }\n    - { sha256: " + Hash + ", tenant: b }", "this sha256 is listed twice")]
    [InlineData("server:\n  api_keys: [ abc ]", "'api_keys' items must be mappings")]
    [InlineData("server:\n  api_keys:\n    - { sha256: " + Hash + ", tenant: a, key: x }", "unknown field 'key' in server.api_keys[0]")]
    [InlineData("server:\n  rate_limit: { burst: 5 }", "missing required field 'requests_per_minute' in server.rate_limit")]
    [InlineData("server:\n  rate_limit: { requests_per_minute: 0 }", "'requests_per_minute' is 0")]
    [InlineData("server:\n  max_body_bytes: lots", "'max_body_bytes' is lots")]
    [InlineData("telemetry: { otlp_endpoint: localhost:4317 }", "otlp_endpoint 'localhost:4317' is not an http(s) URL")]
    public void Bad_server_settings_are_errors_with_a_line(string yaml, string fragment)
    {
        var result = LoadWithAppended(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line > 0);
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("sk-live-plaintext-key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  stickiness: { switch_confidence: 1.5 }", "expected a probability from 0 to 1")]
    [InlineData("  stickiness: { max_turns: 0 }", "'max_turns' is 0")]
    [InlineData("  stickiness: { enabled: maybe }", "'enabled' is 'maybe'; expected true or false")]
    [InlineData("  stickiness: { sticky: true }", "unknown field 'sticky' in router.stickiness")]
    public void Bad_stickiness_settings_are_errors(string yaml, string fragment)
    {
        var result = LoadWithRouterExtra(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Stickiness_settings_are_read()
    {
        var result = LoadWithRouterExtra("  stickiness: { enabled: false, max_turns: 5, switch_confidence: 0.8 }");

        Assert.Empty(result.Errors);
        var sticky = result.Config!.Router.Stickiness;
        Assert.Equal((false, 5, 0.8), (sticky.Enabled, sticky.MaxTurns, sticky.SwitchConfidence));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", false, true)]
    [InlineData("http://localhost:5080", false, true)]
    [InlineData("http://[::1]:5080", false, true)]
    [InlineData("http://0.0.0.0:5080", false, false)]
    [InlineData("http://*:5080", false, false)]
    [InlineData("http://+:5080", false, false)]
    [InlineData("http://10.1.2.3:5080", false, false)]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081", false, false)]
    [InlineData("http://0.0.0.0:5080", true, true)]
    [InlineData("ftp://127.0.0.1:5080", false, false)]
    [InlineData("not a url", false, false)]
    public void Non_loopback_bindings_need_api_keys(string urls, bool withKeys, bool valid)
    {
        var server = withKeys ? new ServerConfig { ApiKeys = [new ApiKeyConfig { Sha256 = new byte[32], Tenant = "t", Name = "n" }] } : new ServerConfig();

        var problems = ServeBinding.Check(urls, server);

        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public async Task Serve_refuses_a_public_binding_without_keys_before_starting()
    {
        using var dir = new TempDirectory();
        var config = RepoPaths.CopySample(dir.Path);

        var result = await CliRunner.RunAsync(dir.Path, null, "serve", "--config", config, "--urls", "http://0.0.0.0:5999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("server.api_keys is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_hash_prints_the_sha256_and_reads_stdin_for_dash()
    {
        using var dir = new TempDirectory();

        var fromArgument = await CliRunner.RunAsync(dir.Path, null, "keys", "hash", "abc");
        var fromStdin = await CliRunner.RunAsync(dir.Path, "abc\n", "keys", "hash", "-");
        var empty = await CliRunner.RunAsync(dir.Path, "\n", "keys", "hash", "-");

        Assert.Equal((0, Hash), (fromArgument.ExitCode, fromArgument.Out.Trim()));
        Assert.Equal(Hash, fromStdin.Out.Trim());
        Assert.Equal(2, empty.ExitCode);
    }

    [Fact]
    public async Task Keys_new_prints_a_key_whose_hash_is_in_the_config_line()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, null, "keys", "new", "--tenant", "acme");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var key = lines[0]["key: ".Length..];
        Assert.Contains($"sha256: {ApiKeyConfig.HashHex(key)}, tenant: acme", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Drain_seconds_is_read_defaults_to_0_and_is_bounded()
    {
        Assert.Equal(0, LoadWithAppended("server:\n  max_messages: 10").Config!.Server.DrainSeconds);
        Assert.Equal(15, LoadWithAppended("server:\n  drain_seconds: 15").Config!.Server.DrainSeconds);
        Assert.Contains(LoadWithAppended("server:\n  drain_seconds: 301").Errors, e => e.Message.Contains("drain_seconds", StringComparison.Ordinal) && e.Line > 0);
    }
}
