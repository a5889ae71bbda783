using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// Questions that stand on their own are searched (and judged by the input rail) as asked, even after
/// an unrelated turn; the elliptical follow-ups the rewriter exists for are still completed. The
/// standalone questions are CLINC150 val utterances that main rewrote into the previous turn's topic.
/// </summary>
public sealed class SelfContainedTurnRewriteTests
{
    private const string Previous = "How many vacation days do I get per year?";

    private static IReadOnlyList<ConversationTurn> Conversation(params string[] userTurns) =>
        [.. userTurns.SelectMany(u => new[] { new ConversationTurn(ConversationTurn.User, u), new ConversationTurn(ConversationTurn.Assistant, "(previous answer)") })];

    [Theory]
    [InlineData("is there a routing number for wells fargo")]
    [InlineData("are there any travel alerts for brazil")]
    [InlineData("is it possible to rollover my 401k")]
    [InlineData("is it safe to travel to mexico")]
    [InlineData("what time is it in france")]
    [InlineData("how much do my bills cost this month")]
    [InlineData("what is the company that made you")]
    [InlineData("how does one apply for a master card")]
    [InlineData("can i take more than one carry on")]
    [InlineData("what insurance plan do i have")]
    [InlineData("how many calories are in apples")]
    [InlineData("how many weeks of vacation do i have")]
    [InlineData("who tracks my credit score")]
    [InlineData("how to unclog a drain")]
    public void A_question_that_stands_on_its_own_is_not_completed_with_the_previous_topic(string question)
    {
        Assert.False(FollowUpQueryRewriter.IsFollowUp(question));
        Assert.Equal(question, FollowUpQueryRewriter.Rewrite(question, Conversation(Previous)));
    }

    [Theory]
    [InlineData("How many vacation days do I get per year?", "and for part-timers?", "How many vacation days do I get per year for part-timers?")]
    [InlineData("What is the hotel cap in Zurich?", "and in Oslo?", "What is the hotel cap in Oslo?")]
    [InlineData("Is there a learning budget?", "is there a limit?", "Is there a learning budget is there a limit?")]
    public void An_elliptical_follow_up_is_still_completed(string previous, string followUp, string expected) =>
        Assert.Equal(expected, FollowUpQueryRewriter.Rewrite(followUp, Conversation(previous)));

    /// <summary>Look-alike back-references with too little topic of their own still lean on the previous turn.</summary>
    [Theory]
    [InlineData("Can I expense taxi rides?", "is it possible?", "taxi")]
    [InlineData("What are the data classification levels?", "which one is customer data?", "classification")]
    [InlineData("When is the IT helpdesk open?", "what time is it open?", "helpdesk")]
    [InlineData("Is there a home office allowance?", "how to claim it?", "allowance")]
    [InlineData("How long is maternity leave at Northwind?", "is it paid?", "maternity")]
    public void A_follow_up_that_points_back_still_carries_the_previous_topic(string previous, string followUp, string topicWord) =>
        Assert.Contains(topicWord, FollowUpQueryRewriter.Rewrite(followUp, Conversation(previous)), StringComparison.Ordinal);

    [Fact]
    public void A_chain_of_follow_ups_still_keeps_the_first_turns_topic() =>
        Assert.Equal("How many vacation days do I get per year after 10?", FollowUpQueryRewriter.Rewrite("and after 10?", Conversation(Previous, "and after 5 years?")));
}
