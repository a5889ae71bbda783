using Orchestrator.Pipeline;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>The sample's tool agents through the whole pipeline, with no model (deterministic tool path).</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ToolAgentEndToEndTests(SampleRuntimeFixture fixture)
{
    private Task<OrchestratorResponse> AskAsync(string text, string? agent = null) =>
        fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(text, agent));

    [Fact]
    public async Task Leave_balance_is_read_from_the_sample_csv()
    {
        var response = await AskAsync("How many days of annual leave does employee NW-1004 have left?", agent: "leave-balance");

        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("get_leave_balance", call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Equal("NW-1004", call.Arguments["employee_id"]?.ToString());
        Assert.Contains("3.5", response.Answer, StringComparison.Ordinal);
        Assert.False(response.Escalation.Needed);
    }

    [Fact]
    public async Task A_ticket_is_created_and_its_id_returned()
    {
        var response = await AskAsync("Please open a ticket: the VPN client disconnects every ten minutes", agent: "it-ticket");

        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("create_it_ticket", call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Matches("IT-[0-9]{6}", response.Answer);
    }

    [Fact]
    public async Task A_missing_employee_id_gets_a_follow_up_question_not_a_guess()
    {
        var response = await AskAsync("how many vacation days do I have left?", agent: "leave-balance");

        Assert.Empty(response.ToolCalls);
        Assert.Contains("?", response.Answer, StringComparison.Ordinal);
        Assert.False(response.Escalation.Needed);
    }
}
