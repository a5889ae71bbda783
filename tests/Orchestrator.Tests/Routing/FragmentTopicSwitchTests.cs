using Orchestrator.Configuration;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// A follow-up fragment that names a topic of its own ("and my leave balance?") moves the conversation
/// when the router is sure about it alone; an elliptical slot ("and in Paris?") never does.
/// </summary>
public sealed class FragmentTopicSwitchTests
{
    private static readonly StickinessConfig On = new() { Enabled = true, MaxTurns = 3, SwitchConfidence = 0.6 };

    private static ConversationTurn[] History(params string[] userTurns) =>
        [.. userTurns.SelectMany(u => new[] { new ConversationTurn(ConversationTurn.User, u), new ConversationTurn(ConversationTurn.Assistant, "(answer)") })];

    [Theory]
    [InlineData("How many vacation days do I get per year?", "and my leave balance?", "leave-balance")]
    [InlineData("How do I set up the VPN on my laptop?", "and the hotel limit in London?", "expenses-travel")]
    [InlineData("What is the minimum password length?", "what about parental leave pay?", "hr-policy")]
    public async Task A_fragment_with_its_own_topic_follows_a_confident_router(string previous, string followUp, string expected)
    {
        // The previous question routes to "previous-agent", and so does the rewritten one: only the fragment names the new agent.
        var router = new DefaultRouter(Sure("previous-agent", 0.9)) { [followUp] = Sure(expected, 0.95) };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync(followUp, History(previous));

        Assert.Equal(expected, decision.Route);
        Assert.StartsWith(ConversationRouter.TopicSwitchSource, decision.Source, StringComparison.Ordinal);
    }

    /// <summary>
    /// A whole question behind "and" (its own verb, subject and topic words) is no follow-up at all
    /// (FollowUpQueryRewriter.IsFollowUp), so it is routed as asked rather than as a topic switch.
    /// </summary>
    [Fact]
    public async Task A_whole_new_question_behind_and_is_routed_as_asked()
    {
        const string FollowUp = "and how many vacation days do I have left?";
        var router = new DefaultRouter(Sure("previous-agent", 0.9)) { [FollowUp] = Sure("leave-balance", 0.95) };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync(FollowUp, History("Can I carry over unused holiday into next year?"));

        Assert.Equal("leave-balance", decision.Route);
        Assert.Equal("semantic", decision.Source);
    }

    [Theory]
    [InlineData("What's the maximum hotel price per night in London?", "and in Paris?")] // a preposition slot
    [InlineData("How often do I have to change my password?", "and admins?")] // one word
    [InlineData("How many vacation days do I have left?", "and sick days?")] // shares "days" with the previous turn
    [InlineData("How do I report a phishing email?", "what if I already entered my password?")] // "what if" keeps the topic
    [InlineData("Can I carry over unused holiday into next year?", "and until when can I use them?")] // points back
    [InlineData("Can I carry over unused holiday into next year?", "my leave balance?")] // no continuation lead
    public async Task An_elliptical_slot_stays_with_the_previous_agent_however_sure_the_router_is_about_it(string previous, string followUp)
    {
        var router = new DefaultRouter(Unsure("previous-agent")) { [previous] = Sure("previous-agent", 0.9), [followUp] = Sure("other-agent", 0.99) };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync(followUp, History(previous));

        Assert.Equal("previous-agent", decision.Route);
    }

    [Fact]
    public async Task An_unsure_router_about_the_fragment_keeps_the_conversation()
    {
        const string Previous = "How many vacation days do I get per year?";
        var router = new DefaultRouter(Unsure("previous-agent")) { [Previous] = Sure("hr-policy", 0.9), ["and my leave balance?"] = Sure("leave-balance", 0.55) };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync("and my leave balance?", History(Previous));

        Assert.Equal("hr-policy", decision.Route);
    }

    [Theory]
    [InlineData("")]
    [InlineData("and")]
    [InlineData("and ???")]
    [InlineData("and \u0000\u0001 balance leave")]
    public async Task Odd_fragments_never_throw(string followUp)
    {
        var text = followUp + new string('x', followUp.Length == 0 ? 0 : 10_000);
        var router = new DefaultRouter(Sure("other-agent", 0.99)) { ["How many vacation days do I get per year?"] = Sure("hr-policy", 0.9) };

        var decision = await new ConversationRouter(router, On, FollowUpQueryRewriter.Rewrite).RouteAsync(text, History("How many vacation days do I get per year?"));

        Assert.NotNull(decision);
    }

    private static RouteDecision Sure(string route, double confidence) => new()
    {
        Route = route,
        Confidence = confidence,
        Candidates = [new RouteCandidate(route, confidence)],
        OutOfScope = false,
        LowConfidence = false,
        Source = "semantic",
    };

    private static RouteDecision Unsure(string route) => Sure(route, 0.3) with { LowConfidence = true };

    /// <summary>Routes the scripted texts as scripted and everything else (the rewrites) as the default.</summary>
    private sealed class DefaultRouter(RouteDecision fallback) : Dictionary<string, RouteDecision>, IRouter
    {
        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default) =>
            Task.FromResult(TryGetValue(text, out var decision) ? decision : fallback);
    }
}
