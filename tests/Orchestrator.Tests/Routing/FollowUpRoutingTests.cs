using Orchestrator.Configuration;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>An elliptical follow-up is routed as the question it continues, and the bare fragment never switches agents.</summary>
public sealed class FollowUpRoutingTests
{
    private static readonly StickinessConfig On = new() { Enabled = true, MaxTurns = 3, SwitchConfidence = 0.6 };

    private static ConversationTurn[] History(params string[] userTurns) =>
        [.. userTurns.SelectMany(u => new[] { new ConversationTurn(ConversationTurn.User, u), new ConversationTurn(ConversationTurn.Assistant, "(answer)") })];

    [Fact]
    public async Task A_fragment_the_router_is_confidently_wrong_about_is_routed_as_its_rewrite()
    {
        var router = new ScriptedRouter
        {
            ["How often do I have to change my password?"] = Sure("it-helpdesk", 0.9),
            ["and admins?"] = Sure("writer", 0.95),
            ["How often do I have to change my password admins?"] = Sure("it-helpdesk", 0.8),
        };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("and admins?", History("How often do I have to change my password?"));

        Assert.Equal(("it-helpdesk", 0.8), (decision.Route, decision.Confidence));
        Assert.StartsWith(ConversationRouter.FollowUpSource, decision.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsure_rewrite_stays_with_the_previous_agent_even_when_the_fragment_alone_is_confident()
    {
        var router = new ScriptedRouter
        {
            ["How do I report a phishing email?"] = Sure("security-policy", 0.9),
            ["what if I already entered my password?"] = Sure("it-helpdesk", 0.9),
            ["How do I report a phishing email I already entered my password?"] = Sure("it-helpdesk", 0.5),
        };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("what if I already entered my password?", History("How do I report a phishing email?"));

        Assert.Equal("security-policy", decision.Route);
        Assert.StartsWith(ConversationRouter.StickySource, decision.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_that_stands_on_its_own_is_routed_as_written_and_may_switch()
    {
        var router = new ScriptedRouter
        {
            ["How many vacation days do I get per year?"] = Sure("hr-policy", 0.9),
            ["How do I reset my password?"] = Sure("it-helpdesk", 0.9),
        };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("How do I reset my password?", History("How many vacation days do I get per year?"));

        Assert.Equal("it-helpdesk", decision.Route);
        Assert.Equal(1, router.Calls["How do I reset my password?"]);
        Assert.False(router.Calls.ContainsKey("How many vacation days do I get per year?"));
    }

    [Fact]
    public async Task The_corrected_text_stays_the_one_of_the_message_as_typed()
    {
        var router = new ScriptedRouter
        {
            ["When is the IT helpdesk open?"] = Sure("it-helpdesk", 0.9),
            ["and on weekdns?"] = Sure("hr-policy", 0.3) with { CorrectedText = "and on weekends?" },
            ["When is the IT helpdesk open on weekdns?"] = Sure("it-helpdesk", 0.7) with { CorrectedText = "When is the IT helpdesk open on weekends?" },
        };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("and on weekdns?", History("When is the IT helpdesk open?"));

        Assert.Equal(("it-helpdesk", "and on weekends?"), (decision.Route, decision.CorrectedText));
    }

    [Fact]
    public async Task Without_a_rewrite_or_history_or_with_stickiness_off_the_latest_turn_is_routed_alone()
    {
        var router = new ScriptedRouter
        {
            ["How often do I have to change my password?"] = Sure("it-helpdesk", 0.9),
            ["and admins?"] = Sure("writer", 0.95),
        };
        var history = History("How often do I have to change my password?");

        Assert.Equal("writer", (await new ConversationRouter(router, On).RouteAsync("and admins?", history)).Route);
        Assert.Equal("writer", (await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("and admins?", [])).Route);
        Assert.Equal("writer", (await new ConversationRouter(router, new StickinessConfig { Enabled = false }, FollowUpQueryRewriter.Rewrite).RouteAsync("and admins?", history)).Route);
    }

    [Fact]
    public async Task A_rewrite_that_returns_nothing_usable_falls_back_to_the_message()
    {
        var router = new ScriptedRouter
        {
            ["How often do I have to change my password?"] = Sure("it-helpdesk", 0.9),
            ["and admins?"] = Sure("it-helpdesk", 0.95),
        };

        var decision = await new ConversationRouter(router, On, (_, _) => "   ").RouteAsync("and admins?", History("How often do I have to change my password?"));

        Assert.Equal("it-helpdesk", decision.Route);
        Assert.Null(decision.Source);
    }

    [Fact]
    public async Task A_thousand_turn_conversation_with_a_megabyte_turn_routes_with_a_bounded_number_of_calls()
    {
        var huge = new string('x', 1_000_000);
        var turns = Enumerable.Range(0, 999).Select(i => i == 500 ? huge : $"question {i} about the hotel cap in City{i}?").Append("What is the hotel cap in London?").ToArray();
        var router = new CountingRouter();

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("and in Oslo?", History(turns));

        Assert.Equal("travel", decision.Route);
        Assert.Equal(["and in Oslo?", "What is the hotel cap in Oslo?"], router.Texts);
    }

    /// <summary>Routes anything mentioning a hotel to travel, confidently; records what it was asked.</summary>
    private sealed class CountingRouter : IRouter
    {
        public List<string> Texts { get; } = [];

        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
        {
            Texts.Add(text);
            return Task.FromResult(text.Contains("hotel", StringComparison.Ordinal) ? Sure("travel", 0.9) : Sure("writer", 0.3));
        }
    }

    private static RouteDecision Sure(string route, double confidence) => new()
    {
        Route = route,
        Confidence = confidence,
        Candidates = [new RouteCandidate(route, confidence)],
        OutOfScope = false,
        LowConfidence = confidence < 0.5,
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
