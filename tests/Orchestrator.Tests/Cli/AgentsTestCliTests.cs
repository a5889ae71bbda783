using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary><c>orchestrator agents test</c>: the agents' routing tests gate a configuration in CI.</summary>
public sealed class AgentsTestCliTests
{
    private static TempDirectory Deployment(string parkingTests, string canteenTests = "")
    {
        var dir = new TempDirectory();
        dir.Write("agents/parking.yaml", $"""
            name: parking
            kind: generation
            description: Parking rules for staff and visitors.
            examples: [ "Where can I park my car?", "visitor parking at the office", "which garage level is for staff", "is there a charger for electric cars in the garage", "how do I get a parking permit" ]
            model: writer
            {parkingTests}
            """);
        dir.Write("agents/canteen.yaml", $"""
            name: canteen
            kind: generation
            description: The staff canteen's menu and opening hours.
            examples: [ "what's for lunch today", "when does the canteen open", "is there a vegetarian dish on the menu", "how much does a lunch cost", "can I pay for lunch with my badge" ]
            model: writer
            {canteenTests}
            """);
        dir.Write("orchestrator.yaml", """
            models:
              embedder: { provider: embedded-minilm }
              writer: { provider: openai, endpoint: "http://127.0.0.1:9/v1", model: unused }
            router: { embedder: embedder }
            agents: agents/
            """);
        return dir;
    }

    [Fact]
    public async Task Passing_tests_exit_0_and_say_so()
    {
        using var dir = Deployment(
            "tests: { must_route: [ \"where should I leave my car\" ], must_not_route: [ \"what is on the lunch menu\" ] }",
            "tests: { must_route: [ \"what can I eat at noon\" ] }");

        var result = await CliRunner.RunAsync(dir.Path, null, "agents", "test");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("parking: 2/2 passed", result.Out, StringComparison.Ordinal);
        Assert.Contains("canteen: 1/1 passed", result.Out, StringComparison.Ordinal);
        Assert.Contains("ok: 3 routing test(s) passed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_test_exits_1_naming_the_request_and_where_it_went()
    {
        // The canteen question can only go to the canteen, so a must_route on parking fails.
        using var dir = Deployment("tests: { must_route: [ \"is there a vegetarian lunch on the canteen menu today\" ] }");

        var result = await CliRunner.RunAsync(dir.Path, null, "agents", "test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parking: 0/1 passed", result.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL must_route: \"is there a vegetarian lunch on the canteen menu today\" was ", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 of 1 routing test(s) failed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_lists_every_result_and_the_confusions()
    {
        using var dir = Deployment("tests: { must_route: [ \"where should I leave my car\" ], must_not_route: [ \"when does the canteen open\" ] }");

        var result = await CliRunner.RunAsync(dir.Path, null, "agents", "test", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("tests").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("failed").GetInt32());
        var first = doc.RootElement.GetProperty("results")[0];
        Assert.Equal("must_route", first.GetProperty("expect").GetString());
        Assert.Equal("parking", first.GetProperty("routed_to").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("confusions").ValueKind);
    }

    [Fact]
    public async Task No_tests_exit_0_with_a_hint_and_an_unknown_agent_exits_2()
    {
        using var dir = Deployment("");

        var none = await CliRunner.RunAsync(dir.Path, null, "agents", "test");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("no agent lists tests", none.Error, StringComparison.Ordinal);

        var unknown = await CliRunner.RunAsync(dir.Path, null, "agents", "test", "--agent", "nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown agent 'nope'; expected one of: ", unknown.Error, StringComparison.Ordinal);
    }
}
