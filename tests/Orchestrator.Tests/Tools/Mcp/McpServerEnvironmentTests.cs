using Microsoft.Extensions.Logging;
using Orchestrator.Tests.Agents;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// What a stdio MCP server gets from this process (privacy39): not the secrets the configuration names,
/// and its stderr (which may quote a tool's arguments) is no Information log line.
/// </summary>
public sealed class McpServerEnvironmentTests
{
    // Unique names: the variables are set on the test process, which every test shares.
    private const string CloudKeyVariable = "PRIVACY39_TEST_CLOUD_KEY";
    private const string ConfirmSecretVariable = "PRIVACY39_TEST_CONFIRM_SECRET";
    private const string OtherTokenVariable = "PRIVACY39_TEST_OTHER_TOKEN";
    private const string GivenVariable = "PRIVACY39_TEST_GIVEN_KEY";

    [Fact]
    public async Task A_stdio_server_inherits_no_secret_the_configuration_names_and_its_stderr_is_not_logged_at_information()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // the probe server is a POSIX shell line
        }

        Environment.SetEnvironmentVariable(CloudKeyVariable, "sk-cloud-0123456789abcdef");
        Environment.SetEnvironmentVariable(ConfirmSecretVariable, "confirm-secret-0123456789abcdef0123456789");
        Environment.SetEnvironmentVariable(OtherTokenVariable, "other-server-token-42");
        Environment.SetEnvironmentVariable(GivenVariable, "given-on-purpose-7");
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace("api_key_env: OPENAI_API_KEY", $"api_key_env: {CloudKeyVariable}", StringComparison.Ordinal) + $$"""

            tool_confirmation: { secret_env: {{ConfirmSecretVariable}} }
            mcp_servers:
              probe: { command: sh, args: [ -c, "echo 'no order for jan.devries@example.com' >&2; echo done >&2; env > env.txt" ], env: { {{GivenVariable}}: "${{{GivenVariable}}}" }, timeout_seconds: 10 }
              other: { command: sh, args: [ -c, "exit 0" ], env: { TOKEN: "${{{OtherTokenVariable}}}" }, timeout_seconds: 10 }
            """);
        var loaded = fixture.Load();
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

        await using (await McpToolSource.ConnectAsync(loaded.Config!, new ToolRegistry(), loggerFactory))
        {
        }

        // Both servers exit at once (they are no MCP servers); the probe has written what it inherited.
        var environment = await File.ReadAllLinesAsync(Path.Combine(fixture.Directory.Path, "env.txt"));
        Assert.Contains($"{GivenVariable}=given-on-purpose-7", environment); // its own env: is what it gets
        Assert.DoesNotContain(environment, line => line.Contains("sk-cloud-0123456789abcdef", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, line => line.Contains("confirm-secret-0123456789abcdef", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, line => line.Contains("other-server-token-42", StringComparison.Ordinal));

        // The second stderr line was logged (at Debug, event 324) after every log of the first.
        await WaitForAsync(() => logs.Lines.Any(l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("stderr: done", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("jan.devries@example.com", StringComparison.Ordinal));
        // Line by line, only at Debug. (A server that exits during start-up still has its stderr tail quoted in
        // the connect failure's Error and Warning: a crash's diagnosis, documented in the README.)
        Assert.DoesNotContain(logs.Lines, l => l.Contains("received stderr log", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("sk-cloud-0123456789abcdef", StringComparison.Ordinal) || l.Contains("confirm-secret-0123456789abcdef", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
