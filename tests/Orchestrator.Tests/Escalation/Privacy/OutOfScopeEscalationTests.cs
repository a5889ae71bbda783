using Orchestrator.Configuration;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Pipeline;
using Orchestrator.Specialists;

namespace Orchestrator.Tests.Escalation.Privacy;

/// <summary>
/// Issue 12, defect 2: an out-of-scope request is not refused because the router's best rejected
/// guess happens to be a never_escalate agent; it goes to the cloud like any other out-of-scope request.
/// </summary>
public sealed class OutOfScopeEscalationTests
{
    private static AgentDefinition Agent(bool allowed) => new()
    {
        Name = "hr-records",
        Kind = AgentKind.Tool,
        Description = "Personal HR records",
        Escalation = new AgentEscalationConfig { Allowed = allowed, Triggers = ["specialist_failed"] },
    };

    [Fact]
    public void Out_of_scope_ignores_the_rejected_agents_never_escalate_and_own_triggers()
    {
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud" }).Decide(EscalationReason.OutOfScope, Agent(allowed: false));

        Assert.False(decision.BlockedByAgent);
        Assert.False(decision.TriggerDisabled);
        Assert.True(decision.MayLeaveMachine);
    }

    [Fact]
    public void A_never_escalate_agent_still_blocks_the_triggers_of_requests_it_handles()
    {
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud" }).Decide(EscalationReason.LowConfidence, Agent(allowed: false));

        Assert.True(decision.BlockedByAgent);
        Assert.False(decision.MayLeaveMachine);
    }

    [Theory]
    [InlineData("How far is the moon from the earth? (request 5)")]
    [InlineData("who do I tell when I'm sick?")]
    [InlineData("月球离地球有多远？")]
    public async Task Out_of_scope_request_whose_best_rejected_route_is_never_escalate_gets_a_cloud_answer(string question)
    {
        await using var d = await EscalationDeployment.StartAsync();
        var config = d.Runtime.Pipeline.Config;
        var router = new RejectingRouter("vault");
        var pipeline = new OrchestratorPipeline(config, router, new SpecialistRegistry(), new AnswerGuardian([]), cloud: d.Runtime.Pipeline.Cloud);

        var response = await pipeline.AskAsync(new OrchestratorRequest(question));

        Assert.True(response.Route.OutOfScope);
        Assert.Equal("vault", response.Route.Agent);
        Assert.Equal("out_of_scope", response.Escalation.Reason);
        Assert.True(response.Escalation.Performed);
        Assert.Equal("Primary cloud answer.", response.Answer);
        Assert.DoesNotContain("never to escalate", response.Answer, StringComparison.Ordinal);
        Assert.Single(d.Primary.Requests);
    }

    /// <summary>Rejects every request, naming <paramref name="best"/> as its best (rejected) guess, as the semantic router does.</summary>
    private sealed class RejectingRouter(string best) : IRouter
    {
        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default) =>
            Task.FromResult(new RouteDecision
            {
                Route = best,
                Confidence = 0.31,
                Candidates = [new RouteCandidate(best, 0.31)],
                OutOfScope = true,
            });
    }
}
