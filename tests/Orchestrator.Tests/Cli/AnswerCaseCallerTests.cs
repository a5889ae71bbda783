using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli;

/// <summary>Cases that say who asks, tool statuses that count as the tool doing its job, and facts that must not leak.</summary>
public sealed class AnswerCaseCallerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string content)
    {
        _temp.Write("cases.jsonl", content);
        return Path.Combine(_temp.Path, "cases.jsonl");
    }

    private const string Mine = """{"id":"t-1","category":"tool","messages":[{"role":"user","content":"How many vacation days do I have left?"}],"expect":{"agent":"leave-balance","facts":["18.5"],"tool":"get_leave_balance"},"caller":{"user":"NW-1001"}}""";

    private const string Theirs = """{"id":"t-2","category":"tool","messages":[{"role":"user","content":"Leave balance of NW-1004?"}],"expect":{"agent":"leave-balance","tool":"get_leave_balance","tool_status":"refused","absent_facts":["3.5"]},"caller":{"user":"NW-1002","roles":["engineering"]}}""";

    [Fact]
    public void A_case_names_its_caller_and_roles()
    {
        var cases = AnswerCaseReader.Read(Write(Mine + "\n" + Theirs + "\n" + """{"messages":[{"role":"user","content":"hi"}],"expect":{"out_of_scope":true}}"""));

        Assert.Equal(("NW-1001", 0), (cases[0].Caller!.UserId, cases[0].Caller!.Roles.Count));
        Assert.Equal(("NW-1002", "engineering"), (cases[1].Caller!.UserId, Assert.Single(cases[1].Caller!.Roles)));
        Assert.Equal(("refused", "3.5"), (cases[1].Expect.ToolStatus, Assert.Single(cases[1].Expect.AbsentFacts)));
        Assert.Null(cases[2].Caller);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":{"roles":["hr"]}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":{"user":"NW-1\u0000"}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":{"user":"NW-1","roles":[""]}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":{"user":"NW-1","roles":[null]}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":"NW-1"}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a","tool_status":"refused"}}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a","tool":"t","tool_status":"maybe"}}""")]
    public void Malformed_callers_and_statuses_fail_with_the_file_and_line(string content)
    {
        var path = Write(content);
        var ex = Assert.Throws<DatasetFormatException>(() => AnswerCaseReader.Read(path));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_caller_id_is_refused()
    {
        var path = Write($$$"""{"messages":[{"role":"user","content":"hi"}],"expect":{"agent":"a"},"caller":{"user":"{{{new string('x', 1_000_000)}}}"}}""");
        Assert.Throws<DatasetFormatException>(() => AnswerCaseReader.Read(path));
    }

    private static OrchestratorResponse Response(string answer, params ToolCallInfo[] calls) => new()
    {
        Answer = answer,
        Route = new RouteInfo { Agent = "leave-balance" },
        ToolCalls = calls,
        Guardian = new GuardianInfo(),
        Escalation = new EscalationInfo(),
        Cost = new CostInfo(),
        TimingsMs = new TimingsInfo(),
    };

    private static ToolCallInfo Call(string name, string status) => new(name, new Dictionary<string, object?>(), null, status == ToolCallStatus.Ok) { Status = status };

    [Fact]
    public void A_refused_or_failed_call_is_not_the_tool_doing_its_job_but_a_proposal_for_confirmation_is()
    {
        var mine = AnswerCaseReader.Read(Write(Mine))[0];
        var ticket = mine with { Expect = mine.Expect with { Tool = "create_it_ticket", Facts = [] } };

        Assert.True(AnswerEvaluator.Score(mine, Response("You have 18.5 days left.", Call("get_leave_balance", ToolCallStatus.Ok))).Useful);
        Assert.False(AnswerEvaluator.Score(mine, Response("18.5? Sign in first.", Call("get_leave_balance", ToolCallStatus.Refused))).ToolOk);
        Assert.False(AnswerEvaluator.Score(mine, Response("18.5", Call("get_leave_balance", ToolCallStatus.Failed))).ToolOk);
        Assert.True(AnswerEvaluator.Score(ticket, Response("Shall I open this ticket? Reply yes.", Call("create_it_ticket", ToolCallStatus.AwaitingConfirmation))).ToolOk);
        Assert.False(AnswerEvaluator.Score(ticket, Response("Which ticket?", Call("create_it_ticket", ToolCallStatus.NotRun))).ToolOk);
    }

    [Fact]
    public void An_expected_refusal_must_be_a_refusal_and_must_not_show_the_record()
    {
        var theirs = AnswerCaseReader.Read(Write(Theirs))[0];

        Assert.True(AnswerEvaluator.Score(theirs, Response("You can only see your own balance.", Call("get_leave_balance", ToolCallStatus.Refused))).Useful);
        Assert.False(AnswerEvaluator.Score(theirs, Response("NW-1004 has 3.5 days left.", Call("get_leave_balance", ToolCallStatus.Ok))).ToolOk);
        Assert.False(AnswerEvaluator.Score(theirs, Response("NW-1004 has 3.5 days left.", Call("get_leave_balance", ToolCallStatus.Refused))).FactsOk);
    }

    [Fact]
    public async Task Each_case_is_asked_as_its_own_caller_and_others_as_the_default()
    {
        var cases = AnswerCaseReader.Read(Write(Mine + "\n" + """{"messages":[{"role":"user","content":"hi"}],"expect":{"out_of_scope":true}}"""));
        var seen = new List<string?>();

        await AnswerEvaluator.RunAsync(cases, (request, _) =>
        {
            seen.Add(request.Caller?.UserId);
            return Task.FromResult(Response(""));
        });

        Assert.Equal(["NW-1001", null], seen);
    }
}
