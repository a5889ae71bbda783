using System.Text.Json.Nodes;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

public sealed class ToolEvaluatorTests : IDisposable
{
    private const string Functions = """
        [{"name":"calculate_triangle_area","description":"Calculate the area of a triangle given its base and height.","parameters":{"type":"dict","properties":{"base":{"type":"integer","description":"The base."},"height":{"type":"integer","description":"The height."},"unit":{"type":"string","description":"Unit"}},"required":["base","height"]}},
         {"name":"get_weather","description":"Get the current weather forecast for a city.","parameters":{"type":"dict","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}]
        """;

    private readonly TempDirectory _temp = new();
    private readonly ToolEvaluator _evaluator = new(new DeterministicToolPlanner(new ToolSelector(SharedEmbedder.Instance)));

    [Fact]
    public async Task Scores_selection_and_argument_exact_match()
    {
        var questions = _temp.Write("BFCL_v4_simple.json", string.Join("\n",
            Row("t_0", "Find the area of a triangle with a base of 10 units and height of 5 units."),
            Row("t_1", "What's the weather going to be like in \"Paris\" in fahrenheit?"),
            Row("t_2", "Find the area of a triangle with a base of 7 and height of 3.")));
        var answers = _temp.Write("answers.json", string.Join("\n",
            """{"id":"t_0","ground_truth":[{"calculate_triangle_area":{"base":[10],"height":[5],"unit":["units",""]}}]}""",
            """{"id":"t_1","ground_truth":[{"get_weather":{"city":["Paris"],"unit":["fahrenheit"]}}]}""",
            """{"id":"t_2","ground_truth":[{"get_weather":{"city":["Rome"]}}]}"""));

        var report = await _evaluator.EvaluateAsync(questions, answers);

        Assert.Equal(3, report.Rows);
        Assert.Equal(2.0 / 3, report.SelectionAccuracy!.Value, 6);
        Assert.Equal(2.0 / 3, report.ArgumentExact!.Value, 6);
        Assert.Null(report.NoCallAccuracy);
        Assert.True(report.LatencyMs.P95 >= report.LatencyMs.P50);
    }

    // A follow-up question for a missing argument calls nothing, as BFCL scores it, but is counted
    // apart from an outright decline.
    [Theory]
    [InlineData("Who wrote the novel Pride and Prejudice?", 0, 1)]
    [InlineData("Find the area of a triangle for me.", 1, 0)]
    public async Task Irrelevance_files_score_calling_nothing(string firstRow, int asked, int declined)
    {
        var questions = _temp.Write("BFCL_v4_irrelevance.json", string.Join("\n",
            Row("i_0", firstRow),
            Row("i_1", "Find the area of a triangle with a base of 10 and height of 5.")));

        var report = await _evaluator.EvaluateAsync(questions);

        Assert.Equal(0.5, report.NoCallAccuracy);
        Assert.Equal(new ToolPlanCounts(Called: 1, Asked: asked, Declined: declined), report.Plans);
        Assert.Null(report.SelectionAccuracy);
        Assert.Null(report.ArgumentExact);
    }

    [Fact]
    public async Task Malformed_rows_name_the_line()
    {
        var questions = _temp.Write("bad.json", Row("ok", "hello") + "\n{\"id\": 3}");

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => _evaluator.EvaluateAsync(questions));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    private static string Row(string id, string text) => new JsonObject
    {
        ["id"] = id,
        ["question"] = new JsonArray(new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text })),
        ["function"] = JsonNode.Parse(Functions),
    }.ToJsonString();

    public void Dispose() => _temp.Dispose();
}
