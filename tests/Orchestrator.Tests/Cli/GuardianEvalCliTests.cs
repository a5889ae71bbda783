using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary><c>eval guardian --task pii|groundedness</c>: the contract's JSON and clear errors for bad datasets.</summary>
public sealed class GuardianEvalCliTests
{
    private const string Presidio = """
        [{"full_text": "Call Jennifer Hartley on +1-604-696-5272 today", "spans": [
            {"entity_type": "PERSON", "entity_value": "Jennifer Hartley", "start_position": 5, "end_position": 21},
            {"entity_type": "PHONE_NUMBER", "entity_value": "+1-604-696-5272", "start_position": 25, "end_position": 40}]},
         {"full_text": "Nothing personal here.", "spans": []}]
        """;

    [Fact]
    public async Task Pii_task_reports_per_type_scores_micro_and_latency()
    {
        using var dir = new TempDirectory();
        dir.Write("pii.json", Presidio);

        var result = await CliRunner.RunAsync(dir.Path, null, "eval", "guardian", "--task", "pii", "--dataset", "pii.json", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("sentences").GetInt32());
        Assert.Equal(2, root.GetProperty("spans").GetInt32());
        Assert.Equal(1.0, root.GetProperty("types").GetProperty("PERSON").GetProperty("recall").GetDouble());
        Assert.Equal(1.0, root.GetProperty("types").GetProperty("PHONE_NUMBER").GetProperty("precision").GetDouble());
        Assert.Equal(1.0, root.GetProperty("micro").GetProperty("f1").GetDouble());
        Assert.False(root.GetProperty("types").GetProperty("PERSON").TryGetProperty("joined_recall", out _)); // joined figures: STREET_ADDRESS only
        Assert.True(root.GetProperty("latency_ms").GetProperty("p95").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"full_text\": \"x\"}")]
    [InlineData("[{\"spans\": []}]")]
    [InlineData("[{\"full_text\": \"abc\", \"spans\": [{\"entity_type\": \"PERSON\", \"start_position\": 2, \"end_position\": 99}]}]")]
    public async Task Malformed_pii_dataset_is_a_clear_error(string content)
    {
        using var dir = new TempDirectory();
        dir.Write("bad.json", content);

        var result = await CliRunner.RunAsync(dir.Path, null, "eval", "guardian", "--task", "pii", "--dataset", "bad.json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bad.json", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_dataset_names_the_file()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), null, "eval", "guardian", "--task", "pii", "--dataset", "nowhere/pii.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere/pii.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groundedness_task_makes_perturbations_and_reports_the_contract_fields()
    {
        using var dir = new TempDirectory();
        dir.Write("squad.json", """
            {"version": "1.1", "data": [
              {"title": "Tesla", "paragraphs": [{"context": "Tesla was born in Smiljan in 1856. He moved to New York in 1884, where he worked for Thomas Edison.",
                "qas": [{"id": "1", "question": "When did Tesla move to New York?", "answers": [{"text": "1884", "answer_start": 62}]},
                        {"id": "2", "question": "Who did Tesla work for in New York?", "answers": [{"text": "Thomas Edison", "answer_start": 88}]}]}]},
              {"title": "Warsaw", "paragraphs": [{"context": "Warsaw is the capital of Poland. The Vistula River flows through Warsaw for 28 kilometres.",
                "qas": [{"id": "3", "question": "How long is the Vistula in Warsaw?", "answers": [{"text": "28 kilometres", "answer_start": 77}]}]}]}]}
            """);

        var result = await CliRunner.RunAsync(dir.Path, null, "eval", "guardian", "--task", "groundedness", "--dataset", "squad.json", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("true_sentences").GetInt32());
        Assert.Equal(1.0, root.GetProperty("true_pass_rate").GetDouble());
        foreach (var name in new[] { "swapped_name_caught", "mixed_number_caught", "foreign_sentence_caught" })
        {
            Assert.InRange(root.GetProperty(name).GetDouble(), 0, 1);
        }

        Assert.True(root.GetProperty("latency_ms").GetProperty("p50").GetDouble() >= 0);
    }
}
