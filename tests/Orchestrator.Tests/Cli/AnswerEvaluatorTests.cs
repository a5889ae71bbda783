using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

public sealed class AnswerEvaluatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string content)
    {
        _temp.Write("cases.jsonl", content);
        return Path.Combine(_temp.Path, "cases.jsonl");
    }

    private const string Case = """{"id":"f-1","category":"followup","messages":[{"role":"user","content":"Hotel cap in London?"},{"role":"assistant","content":"EUR 250."},{"role":"user","content":"and in Paris?"}],"expect":{"agent":"travel","out_of_scope":false,"source":"knowledge/finance/travel-policy.pdf","facts":["EUR 250"],"tool":null}}""";

    [Fact]
    public void Cases_keep_the_history_and_answer_the_last_user_message()
    {
        var cases = AnswerCaseReader.Read(Write(Case));

        var c = Assert.Single(cases);
        Assert.Equal(("f-1", "followup", "and in Paris?"), (c.Id, c.Category, c.Text));
        Assert.Equal(2, c.History.Count);
        Assert.Equal(["EUR 250"], c.Expect.Facts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"messages":[{"role":"assistant","content":"hi"}],"expect":{"agent":"a"}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"facts":[]}}""")]
    [InlineData("""{"messages":[{"role":"hacker","content":"x"},{"role":"user","content":"hi"}],"expect":{"agent":"a"}}""")]
    public void Malformed_files_fail_with_the_file_and_line(string content)
    {
        var path = Write(content);
        var ex = Assert.Throws<DatasetFormatException>(() => AnswerCaseReader.Read(path));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_case_is_read_without_trouble()
    {
        var text = new string('x', 200_000);
        var cases = AnswerCaseReader.Read(Write($$$"""{"messages":[{"role":"user","content":"{{{text}}}"}],"expect":{"out_of_scope":true}}"""));
        Assert.Equal(text, Assert.Single(cases).Text);
    }

    private static OrchestratorResponse Response(string answer, string? agent, bool outOfScope, params string[] sources) => new()
    {
        Answer = answer,
        Route = new RouteInfo { Agent = agent, OutOfScope = outOfScope },
        Citations = [.. sources.Select((s, i) => new CitationInfo(i + 1, s, "", ""))],
        Guardian = new GuardianInfo(),
        Escalation = new EscalationInfo(),
        Cost = new CostInfo(),
        TimingsMs = new TimingsInfo(),
    };

    [Fact]
    public void A_case_is_useful_only_with_the_right_route_every_fact_and_the_cited_source()
    {
        var c = AnswerCaseReader.Read(Write(Case))[0];

        Assert.True(AnswerEvaluator.Score(c, Response("Tier 1: up to eur 250 per night. [1]", "travel", false, "knowledge/finance/travel-policy.pdf")).Useful);
        Assert.False(AnswerEvaluator.Score(c, Response("Tier 1: up to EUR 250 per night. [1]", "hr", false, "knowledge/finance/travel-policy.pdf")).RouteOk);
        Assert.False(AnswerEvaluator.Score(c, Response("Tier 2: up to EUR 180 per night. [1]", "travel", false, "knowledge/finance/travel-policy.pdf")).FactsOk);
        Assert.False(AnswerEvaluator.Score(c, Response("EUR 250 [1]", "travel", false, "knowledge/finance/other-travel-policy.pdf")).CitationOk);
    }

    [Fact]
    public async Task The_report_scores_categories_and_lists_what_was_not_useful()
    {
        var cases = AnswerCaseReader.Read(Write(Case + "\n" + """{"id":"o-1","category":"offtopic","messages":[{"role":"user","content":"capital of France?"}],"expect":{"agent":null,"out_of_scope":true}}"""));

        var report = await AnswerEvaluator.RunAsync(cases, (r, _) => Task.FromResult(Response("I cannot help with that.", null, true)));

        Assert.Equal((2, 0.5, 0.5), (report.Cases, report.Useful, report.RouteAccuracy));
        Assert.Equal(1.0, report.Categories["offtopic"].Useful);
        Assert.Equal("f-1", Assert.Single(report.Failures).Id);
    }

    [Fact]
    public async Task The_json_report_has_the_contract_fields_with_their_types()
    {
        var cases = AnswerCaseReader.Read(Write(Case));
        var report = await AnswerEvaluator.RunAsync(cases, (r, _) => Task.FromResult(Response("EUR 250.", "travel", false, "knowledge/finance/travel-policy.pdf")));

        // eval answers --json writes exactly this serialization (CONTRACTS.md "eval answers").
        using var doc = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(report));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("cases").GetInt32());
        foreach (var name in new[] { "useful", "route_accuracy", "facts", "citations" })
        {
            Assert.Equal(1.0, root.GetProperty(name).GetDouble());
        }

        var followup = root.GetProperty("categories").GetProperty("followup");
        Assert.Equal(1, followup.GetProperty("cases").GetInt32());
        Assert.Equal(1.0, followup.GetProperty("useful").GetDouble());
    }
}
