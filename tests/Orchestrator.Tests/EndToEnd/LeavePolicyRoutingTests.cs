namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// Questions about the annual-leave rules asked in the first person ("my days", "do I have to")
/// belong to <c>hr-policy</c>, questions about one's own remaining days to <c>leave-balance</c>.
/// The sample's router sent the carried-over-days sample question to <c>leave-balance</c>: its
/// embedding half favoured the balance route's tight cluster of first-person leave questions
/// while hr-policy had no first-person example on carry-over, leaving or illness during leave
/// (docs/benchmarks.md, "Routing: a paraphrase-aware cap, and leave policy vs leave balance").
/// None of these questions is an agent example.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class LeavePolicyRoutingTests(SampleRuntimeFixture fixture)
{
    [Theory]
    [InlineData("By what date do I have to use the leave days I carried over from last year?", "hr-policy")]
    [InlineData("If I get sick during my vacation, do those days count as holiday?", "hr-policy")]
    [InlineData("What happens to my remaining holiday days when I resign?", "hr-policy")]
    [InlineData("Until when can I use the days I brought over from last year?", "hr-policy")]
    [InlineData("Do I lose leftover vacation days if I don't take them before spring?", "hr-policy")]
    [InlineData("How many unused days am I allowed to move into next year?", "hr-policy")]
    [InlineData("how many holiday days do I have remaining?", "leave-balance")]
    [InlineData("tell me how much vacation I've got left for this year", "leave-balance")]
    [InlineData("what's my current PTO balance", "leave-balance")]
    public async Task Leave_rules_go_to_the_policy_and_own_days_to_the_balance(string question, string agent)
    {
        var decision = await fixture.Runtime.Router.RouteAsync(question);

        Assert.Equal(agent, decision.Route);
        Assert.False(decision.OutOfScope);
    }
}
