using System.Text.Json;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

[Collection(SampleRuntimeCollection.Name)]
public sealed class CliTests(SampleRuntimeFixture fixture)
{
    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(fixture.Root, null, ["--config", fixture.ConfigFile, .. args]);

    [Fact]
    public async Task Ask_json_prints_exactly_one_response_object_with_the_contract_fields()
    {
        var result = await RunAsync("ask", "How many vacation days do I get?", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("using config: " + fixture.ConfigFile, result.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        foreach (var field in new[] { "answer", "route", "citations", "tool_calls", "guardian", "escalation", "cost", "timings_ms" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing field {field}");
        }

        Assert.Equal("hr-policy", root.GetProperty("route").GetProperty("agent").GetString());
        Assert.True(root.GetProperty("route").GetProperty("candidates")[0].TryGetProperty("score", out _));
        Assert.True(root.GetProperty("escalation").TryGetProperty("degraded", out _));
        Assert.True(root.GetProperty("timings_ms").TryGetProperty("guardian", out _));
        Assert.True(root.GetProperty("cost").TryGetProperty("cloud_usd_avoided", out _));
    }

    [Fact]
    public async Task Ask_prints_the_answer_then_a_summary()
    {
        var result = await RunAsync("ask", "How do I reset my password?");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("route:", result.Out, StringComparison.Ordinal);
        Assert.Contains("guardian:", result.Out, StringComparison.Ordinal);
        Assert.Contains("escalation:", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    public async Task Ask_with_an_empty_question_exits_2(string text)
    {
        var result = await RunAsync("ask", text);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Ask_over_the_size_limit_exits_2_and_names_the_limit()
    {
        var result = await RunAsync("ask", new string('x', 5000));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("max_input_chars", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_an_unknown_agent_exits_2_listing_the_agents()
    {
        var result = await RunAsync("ask", "hello", "--agent", "no-such-agent");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hr-policy", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_and_missing_config_exit_2()
    {
        Assert.Equal(2, (await RunAsync("frobnicate")).ExitCode);
        var missing = await CliRunner.RunAsync(fixture.Root, null, "--config", "nope.yaml", "agents", "list");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.yaml", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_list_and_validate_succeed_on_the_sample()
    {
        var list = await RunAsync("agents", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("hr-policy", list.Out, StringComparison.Ordinal);
        Assert.Contains("it-helpdesk", list.Out, StringComparison.Ordinal);

        var validate = await RunAsync("agents", "validate");
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal("", validate.Out);
    }

    [Fact]
    public async Task Agents_test_passes_on_the_sample()
    {
        // The sample's agents carry routing tests; a change to examples that breaks one fails here.
        var result = await RunAsync("agents", "test");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("hr-policy: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("routing test(s) passed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_validate_reports_file_and_line_and_exits_2()
    {
        using var dir = new TempDirectory();
        dir.Write("agents/bad.yaml", "name: bad\nkind: retrieval\ndescription: x\nexmaples: [a, b, c]\n");
        var result = await CliRunner.RunAsync(dir.Path, null, "agents", "validate", "--path", Path.Combine(dir.Path, "agents"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml:4:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_answers_each_line_until_exit()
    {
        var result = await CliRunner.RunAsync(fixture.Root, "How many vacation days do I get?\n\n/exit\nnever asked\n", "--config", fixture.ConfigFile, "chat");
        Assert.Equal(0, result.ExitCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Out, "route:"));
    }

    [Fact]
    public async Task Eval_with_a_missing_dataset_says_so_clearly()
    {
        var result = await RunAsync("eval", "retrieval", "--dataset", "does/not/exist.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does/not/exist.json", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no/such/folder/misses.jsonl")]
    [InlineData(".")]
    public async Task Eval_retrieval_with_an_unwritable_misses_path_says_so_before_reading_anything(string misses)
    {
        var result = await RunAsync("eval", "retrieval", "--dataset", "does/not/exist.json", "--misses", misses);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--misses", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_routing_with_a_missing_training_file_says_so_clearly()
    {
        var result = await RunAsync("eval", "routing", "--train", "nowhere/train.json", "--test", "nowhere/test.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere/train.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("../shared/datasets", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_routing_runs_on_a_small_jsonl_file()
    {
        using var dir = new TempDirectory();
        var train = dir.Write("train.jsonl", string.Join('\n', new[]
        {
            "{\"text\":\"how many vacation days do I get\",\"label\":\"leave\"}",
            "{\"text\":\"can I carry over holiday\",\"label\":\"leave\"}",
            "{\"text\":\"what is the parental leave policy\",\"label\":\"leave\"}",
            "{\"text\":\"reset my password\",\"label\":\"it\"}",
            "{\"text\":\"my laptop will not start\",\"label\":\"it\"}",
            "{\"text\":\"how do I connect to the vpn\",\"label\":\"it\"}",
        }));
        var test = dir.Write("test.jsonl", "{\"text\":\"how much annual leave do I have per year\",\"label\":\"leave\"}\n{\"text\":\"I forgot my password\",\"label\":\"it\"}\n");
        var result = await RunAsync("eval", "routing", "--train", train, "--test", test, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("examples").GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("oos_recall").ValueKind);
        Assert.True(doc.RootElement.GetProperty("latency_ms").TryGetProperty("p99", out _));
    }

    [Fact]
    public async Task Eval_tools_prints_the_contract_fields_plus_plan_counts_in_json_and_text()
    {
        using var dir = new TempDirectory();
        const string functions = """[{"name":"calculate_triangle_area","description":"Calculate the area of a triangle given its base and height.","parameters":{"type":"dict","properties":{"base":{"type":"integer","description":"The base."},"height":{"type":"integer","description":"The height."}},"required":["base","height"]}}]""";
        var questions = dir.Write("BFCL_v4_irrelevance.json", string.Join('\n',
            $$"""{"id":"i_0","question":[[{"role":"user","content":"Find the area of a triangle for me."}]],"function":{{functions}}}""",
            $$"""{"id":"i_1","question":[[{"role":"user","content":"Find the area of a triangle with a base of 10 and height of 5."}]],"function":{{functions}}}"""));

        var json = await RunAsync("eval", "tools", "--questions", questions, "--json");
        var text = await RunAsync("eval", "tools", "--questions", questions);

        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(0.5, doc.RootElement.GetProperty("no_call_accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("selection_accuracy").ValueKind);
        Assert.Equal(1, doc.RootElement.GetProperty("plans").GetProperty("asked").GetInt32());
        Assert.True(doc.RootElement.GetProperty("latency_ms").TryGetProperty("p95", out _));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("no-call accuracy 0.5000", text.Out, StringComparison.Ordinal);
        Assert.Contains("plans: called 1, asked for input 1, declined 0", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_routing_rejects_an_out_of_range_holdout()
    {
        var result = await RunAsync("eval", "routing", "--train", fixture.ConfigFile, "--test", fixture.ConfigFile, "--holdout", "1.5");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--holdout", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--holdout-intents", "0", "--holdout-intents")]
    [InlineData("--holdout-intents", "1", "--holdout-intents")]
    [InlineData("--holdout-intents", "-0.2", "--holdout-intents")]
    [InlineData("--holdout-intents", "NaN", "--holdout-intents")]
    [InlineData("--holdout-intents", "lots", "--holdout-intents")]
    [InlineData("--background", "sometimes", "'builtin'")]
    [InlineData("--background", "", "'none'")]
    public async Task Eval_routing_rejects_bad_holdout_intents_and_background_values(string option, string value, string mentioned)
    {
        var result = await RunAsync("eval", "routing", "--train", fixture.ConfigFile, "--test", fixture.ConfigFile, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(mentioned, result.Error, StringComparison.Ordinal);
    }
}
