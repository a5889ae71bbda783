using Orchestrator.Configuration;
using Orchestrator.Escalation;

namespace Orchestrator.Tests.Escalation;

public sealed class EscalationPolicyTests
{
    private static AgentDefinition Agent(bool allowed = true, bool always = false) => new()
    {
        Name = "hr-policy",
        Kind = AgentKind.Retrieval,
        Description = "HR",
        Escalation = new AgentEscalationConfig { Allowed = allowed, Always = always },
    };

    [Fact]
    public void No_trigger_means_no_escalation()
    {
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud" }).Decide(null, Agent());
        Assert.False(decision.Needed);
        Assert.Null(decision.Reason);
    }

    [Theory]
    [InlineData(EscalationReason.OutOfScope, "out_of_scope")]
    [InlineData(EscalationReason.LowConfidence, "low_confidence")]
    [InlineData(EscalationReason.SpecialistFailed, "specialist_failed")]
    [InlineData(EscalationReason.GuardianFailed, "guardian_failed")]
    [InlineData(EscalationReason.Requested, "requested")]
    [InlineData(EscalationReason.Policy, "policy")]
    public void Every_trigger_is_recorded_with_its_contract_name(EscalationReason reason, string wire)
    {
        var decision = new EscalationPolicy(new EscalationConfig()).Decide(reason, Agent());
        Assert.True(decision.Needed);
        Assert.Equal(wire, decision.Reason!.Value.ToWire());
        Assert.Null(decision.Target);
    }

    [Fact]
    public void Agent_that_always_escalates_triggers_policy()
    {
        Assert.Equal(EscalationReason.Policy, EscalationPolicy.AgentTrigger(Agent(always: true)));
        Assert.Null(EscalationPolicy.AgentTrigger(Agent()));
        Assert.Null(EscalationPolicy.AgentTrigger(null));
    }

    [Fact]
    public void Notice_without_a_target_says_no_cloud_model_is_configured_and_why()
    {
        var decision = new EscalationPolicy(new EscalationConfig()).Decide(EscalationReason.OutOfScope, null);
        var notice = EscalationNotice.Compose(decision, null);
        Assert.Contains("out_of_scope", notice, StringComparison.Ordinal);
        Assert.Contains("No cloud model is configured", notice, StringComparison.Ordinal);
        Assert.Contains("nothing was sent off this machine", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_for_a_never_escalate_agent_refuses()
    {
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud" }).Decide(EscalationReason.SpecialistFailed, Agent(allowed: false));
        Assert.True(decision.BlockedByAgent);
        var notice = EscalationNotice.Compose(decision, "no tools");
        Assert.Contains("never to escalate", notice, StringComparison.Ordinal);
        Assert.Contains("(no tools)", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_after_a_failed_cloud_call_says_why_and_budget_refusals_say_nothing_was_sent()
    {
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud" }).Decide(EscalationReason.GuardianFailed, Agent());
        Assert.True(decision.MayLeaveMachine);
        var unavailable = EscalationNotice.Compose(decision, null, new CloudFailure(DegradedReasons.Unavailable, "'cloud' timed out"));
        Assert.Contains("could not answer ('cloud' timed out)", unavailable, StringComparison.Ordinal);
        var budget = EscalationNotice.Compose(decision, null, new CloudFailure(DegradedReasons.Budget, "global limit 5 USD/day"));
        Assert.Contains("The cloud budget refused this request", budget, StringComparison.Ordinal);
        Assert.Contains("nothing was sent off this machine", budget, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "out_of_scope" }, null, false)]
    [InlineData(new[] { "out_of_scope", "guardian_failed" }, null, true)]
    [InlineData(new[] { "out_of_scope", "guardian_failed" }, new[] { "out_of_scope" }, false)]
    public void Triggers_are_narrowed_globally_and_per_agent(string[] global, string[]? agentTriggers, bool mayLeave)
    {
        var agent = new AgentDefinition
        {
            Name = "hr-policy",
            Kind = AgentKind.Retrieval,
            Description = "HR",
            Escalation = new AgentEscalationConfig { Triggers = agentTriggers },
        };
        var decision = new EscalationPolicy(new EscalationConfig { Target = "cloud", Triggers = global }).Decide(EscalationReason.GuardianFailed, agent);

        Assert.True(decision.Needed);
        Assert.Equal(mayLeave, decision.MayLeaveMachine);
        Assert.Equal(mayLeave ? null : DegradedReasons.TriggerDisabled, decision.NotAttemptedBecause);
    }
}
