using Orchestrator.Pipeline;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>The sample's tool agents through the whole pipeline, with no model (deterministic tool path).</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ToolAgentEndToEndTests(SampleRuntimeFixture fixture)
{
    private Task<OrchestratorResponse> AskAsync(string text, string? agent = null) =>
        fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(text, agent) { Caller = new CallerIdentity("NW-1004") });

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
        const string ask = "Please open a ticket: the VPN client disconnects every ten minutes";
        var proposal = await AskAsync(ask, agent: "it-ticket");
        Assert.Equal(ToolCallStatus.AwaitingConfirmation, Assert.Single(proposal.ToolCalls).Status);
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("yes", "it-ticket")
        {
            Caller = new CallerIdentity("NW-1004"),
            History = [new(ConversationTurn.User, ask), new(ConversationTurn.Assistant, proposal.Answer)],
        });

        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("create_it_ticket", call.Name);
        Assert.True(call.Ok, call.Result);
        Assert.Matches("IT-[0-9]{6}", response.Answer);
    }

    [Fact]
    public async Task A_missing_employee_id_is_not_guessed_for_an_anonymous_caller()
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("how many vacation days do I have left?", "leave-balance"));

        Assert.Equal(ToolCallStatus.Refused, Assert.Single(response.ToolCalls).Status);
        Assert.Contains("who you are", response.Answer, StringComparison.Ordinal);
        Assert.False(response.Escalation.Needed);
    }
}
