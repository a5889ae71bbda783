using Orchestrator.Specialists;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

public sealed class DeterministicSpecialistTests : IDisposable
{
    private readonly ToolTestKit _kit = new();
    private readonly ToolCallingSpecialist _specialist;

    public DeterministicSpecialistTests() => _specialist = new ToolCallingSpecialist(_kit.Registry, SharedEmbedder.Instance);

    [Fact]
    public async Task Leave_balance_request_calls_the_tool_and_answers_in_plain_language()
    {
        var result = await AskAsync("How many vacation days does NW-1001 have left?", "get_leave_balance", "create_it_ticket");

        Assert.True(result.Succeeded, result.FailureReason);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal("get_leave_balance", call.Name);
        Assert.True(call.Ok);
        Assert.Equal("NW-1001", call.Arguments["employee_id"]?.ToString());
        Assert.Contains("18.5 days of annual leave", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_request_picks_the_ticket_tool_among_several()
    {
        var result = await AskAsync("My laptop screen is broken, please open an urgent ticket", "get_leave_balance", "create_it_ticket", "calculate", "convert_currency");

        Assert.True(result.Succeeded, result.FailureReason);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal("create_it_ticket", call.Name);
        Assert.Equal("P1", call.Arguments["priority"]?.ToString());
        Assert.Contains("IT-000001", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_argument_asks_a_follow_up_question_without_calling()
    {
        var result = await AskAsync("convert 100 dollars please", "convert_currency");

        Assert.True(result.Succeeded);
        Assert.Empty(result.ToolCalls);
        Assert.Contains("the to (ISO code", result.Answer, StringComparison.Ordinal);
        Assert.EndsWith("?", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_up_question_names_every_missing_argument()
    {
        var question = Orchestrator.Tools.Deterministic.FollowUpQuestion.For(_kit.Registry.Get("convert_currency"), ["from", "to"]);

        Assert.Equal("I can convert currency for you, but I need the from (ISO code of the currency to convert from) and the to (ISO code of the currency to convert to). Could you tell me?", question);
    }

    [Fact]
    public async Task Request_that_no_tool_fits_is_declined()
    {
        var result = await AskAsync("Write a short poem about autumn leaves in the park", "get_leave_balance", "calculate");

        Assert.False(result.Succeeded);
        Assert.Empty(result.ToolCalls);
        Assert.Contains("No tool fits", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domain_error_is_answered_and_recorded_as_a_failed_call()
    {
        var result = await AskAsync("What is the leave balance of employee NW-9999?", "get_leave_balance");

        Assert.True(result.Succeeded);
        Assert.False(Assert.Single(result.ToolCalls).Ok);
        Assert.Contains("no employee with id NW-9999", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_agents_own_tools_are_offered()
    {
        var none = await _specialist.AnswerAsync(new SpecialistRequest("open a ticket, my laptop is broken", ToolTestKit.Agent("not_registered")));
        var leaveOnly = await AskAsync("calculate 2 + 2", "get_leave_balance");

        Assert.False(none.Succeeded);
        Assert.DoesNotContain(leaveOnly.ToolCalls, c => c.Name == "calculate");
    }

    [Fact]
    public async Task Calculation_and_conversion_run_end_to_end()
    {
        var sum = await AskAsync("calculate (12 + 8) * 3", "calculate", "convert_currency");
        var money = await AskAsync("convert 1,040 USD to EUR", "calculate", "convert_currency");

        Assert.Equal("(12 + 8) * 3 = 60", sum.Answer);
        Assert.Contains("1,040 USD is about 1,000.00 EUR", money.Answer, StringComparison.Ordinal);
    }

    private Task<SpecialistResult> AskAsync(string question, params string[] tools) =>
        _specialist.AnswerAsync(new SpecialistRequest(question, ToolTestKit.Agent(tools)) { Caller = ToolTestKit.HrCaller });

    public void Dispose() => _kit.Dispose();
}
