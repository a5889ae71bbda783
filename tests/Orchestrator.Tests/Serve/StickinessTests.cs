using System.Net;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Routing;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Serve;

/// <summary>Conversation stickiness: the decision rules over a scripted router, then end to end over HTTP with the real one.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class StickinessTests(SampleRuntimeFixture fixture)
{
    private static readonly StickinessConfig On = new() { Enabled = true, MaxTurns = 2, SwitchConfidence = 0.6 };

    private static ConversationTurn[] History(params string[] userTurns) =>
        [.. userTurns.SelectMany(u => new[] { new ConversationTurn("user", u), new ConversationTurn("assistant", "(answer)") })];

    [Fact]
    public async Task An_unsure_follow_up_stays_with_the_previous_agent()
    {
        var router = new ScriptedRouter { ["How many vacation days?"] = Sure("hr-policy", 0.9), ["and for part-timers?"] = OutOfScope() };

        var decision = await new ConversationRouter(router, On).RouteAsync("and for part-timers?", History("How many vacation days?"));

        Assert.Equal("hr-policy", decision.Route);
        Assert.False(decision.OutOfScope);
        Assert.Equal(0.9, decision.Confidence);
        Assert.StartsWith(ConversationRouter.StickySource, decision.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confident_route_elsewhere_switches()
    {
        var router = new ScriptedRouter { ["How many vacation days?"] = Sure("hr-policy", 0.9), ["How do I reset my password?"] = Sure("it-helpdesk", 0.8) };

        var decision = await new ConversationRouter(router, On).RouteAsync("How do I reset my password?", History("How many vacation days?"));

        Assert.Equal("it-helpdesk", decision.Route);
        Assert.Null(decision.Source);
    }

    [Fact]
    public async Task A_route_below_switch_confidence_does_not_switch()
    {
        var router = new ScriptedRouter { ["How many vacation days?"] = Sure("hr-policy", 0.9), ["what about weekends?"] = Sure("it-helpdesk", 0.5) };

        var decision = await new ConversationRouter(router, On).RouteAsync("what about weekends?", History("How many vacation days?"));

        Assert.Equal("hr-policy", decision.Route);
    }

    [Fact]
    public async Task The_previous_agent_is_the_latest_confident_user_turn_within_max_turns()
    {
        var router = new ScriptedRouter
        {
            ["Draft an email"] = Sure("writer", 0.9),
            ["How many vacation days?"] = Sure("hr-policy", 0.9),
            ["and for part-timers?"] = OutOfScope(),
            ["what if I work four days?"] = OutOfScope(),
        };

        var within = await new ConversationRouter(router, On).RouteAsync("what if I work four days?", History("Draft an email", "How many vacation days?", "and for part-timers?"));
        var beyond = await new ConversationRouter(router, new StickinessConfig { MaxTurns = 1 }).RouteAsync("what if I work four days?", History("How many vacation days?", "and for part-timers?"));

        Assert.Equal("hr-policy", within.Route);
        Assert.True(beyond.OutOfScope);
    }

    [Fact]
    public async Task Disabled_or_without_history_the_latest_turn_is_routed_alone()
    {
        var router = new ScriptedRouter { ["How many vacation days?"] = Sure("hr-policy", 0.9), ["and for part-timers?"] = OutOfScope() };

        var disabled = await new ConversationRouter(router, new StickinessConfig { Enabled = false }).RouteAsync("and for part-timers?", History("How many vacation days?"));
        var alone = await new ConversationRouter(router, On).RouteAsync("and for part-timers?", [new ConversationTurn("system", "be brief")]);

        Assert.True(disabled.OutOfScope);
        Assert.True(alone.OutOfScope);
        Assert.Equal(2, router.Calls["and for part-timers?"]);
        Assert.False(router.Calls.ContainsKey("How many vacation days?"));
    }

    [Fact]
    public async Task Over_http_a_follow_up_stays_and_a_topic_switch_moves()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime);

        using var followUp = await server.Client.SendAsync(server.Post("""
            {"model":"orchestrator","messages":[
              {"role":"user","content":"How long is maternity leave at Northwind?"},
              {"role":"assistant","content":"Sixteen weeks."},
              {"role":"user","content":"is it paid?"}]}
            """));
        using var alone = await server.Client.SendAsync(server.Post("""{"model":"orchestrator","messages":[{"role":"user","content":"is it paid?"}]}"""));
        using var switched = await server.Client.SendAsync(server.Post("""
            {"model":"orchestrator","messages":[
              {"role":"user","content":"How long is maternity leave at Northwind?"},
              {"role":"assistant","content":"Sixteen weeks."},
              {"role":"user","content":"How do I report a phishing email?"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        Assert.Equal("hr-policy", ApiAssert.Header(followUp, "x-orchestrator-route"));
        Assert.NotEqual("hr-policy", ApiAssert.Header(alone, "x-orchestrator-route"));
        Assert.Equal("security-policy", ApiAssert.Header(switched, "x-orchestrator-route"));
    }

    private static RouteDecision Sure(string route, double confidence) => new()
    {
        Route = route,
        Confidence = confidence,
        Candidates = [new RouteCandidate(route, confidence)],
        OutOfScope = false,
    };

    private static RouteDecision OutOfScope() => new()
    {
        Route = "expenses-travel",
        Confidence = 0.2,
        Candidates = [new RouteCandidate("expenses-travel", 0.2)],
        OutOfScope = true,
    };

    /// <summary>Answers fixed decisions per text, so each rule is tested on its own.</summary>
    private sealed class ScriptedRouter : Dictionary<string, RouteDecision>, IRouter
    {
        public Dictionary<string, int> Calls { get; } = [];

        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
        {
            Calls[text] = Calls.GetValueOrDefault(text) + 1;
            return Task.FromResult(this[text]);
        }
    }
}
