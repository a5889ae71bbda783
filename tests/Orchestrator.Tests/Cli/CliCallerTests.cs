using System.Text.Json;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary>
/// <c>ask --user/--roles</c>: personal tools answer the caller's own records from the command line,
/// and refuse anonymous callers and other people's records, as they do over HTTP.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class CliCallerTests(SampleRuntimeFixture fixture)
{
    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(fixture.Root, null, ["--config", fixture.ConfigFile, .. args]);

    [Fact]
    public async Task A_user_gets_their_own_leave_balance_and_an_anonymous_caller_does_not()
    {
        var own = await RunAsync("ask", "What is my leave balance?", "--agent", "leave-balance", "--user", "NW-1002", "--json");
        var anonymous = await RunAsync("ask", "What is my leave balance?", "--agent", "leave-balance", "--json");

        Assert.Equal(0, own.ExitCode);
        Assert.Contains("Lukas Becker", own.Out, StringComparison.Ordinal);
        Assert.Equal(0, anonymous.ExitCode);
        Assert.DoesNotContain("Lukas Becker", anonymous.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(anonymous.Out);
        Assert.Contains("who you are", doc.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_records_need_a_role_that_allows_them()
    {
        var other = await RunAsync("ask", "What is the leave balance of NW-1003?", "--agent", "leave-balance", "--user", "NW-1002", "--json");
        var hr = await RunAsync("ask", "What is the leave balance of NW-1003?", "--agent", "leave-balance", "--user", "NW-1002", "--roles", "hr", "--json");

        Assert.DoesNotContain("Costa", other.Out, StringComparison.Ordinal);
        Assert.Contains("Costa", hr.Out, StringComparison.Ordinal);
    }

    // The messages are asserted, not just "--user": a CLI without the option also exits 2 naming it
    // ("Unrecognized command or argument '--user'"), and that must not pass (docs/security-regressions.md).
    [Theory]
    [InlineData("--roles", "hr", "--roles needs --user")]
    [InlineData("--user", "NW\u00071002", "holds control characters")]
    public async Task Bad_caller_options_are_usage_errors(string option, string value, string expected)
    {
        var result = await RunAsync("ask", "What is my leave balance?", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", result.Error, StringComparison.Ordinal);
    }
}
