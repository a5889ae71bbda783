using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Tests.Retrieval;

public sealed class FollowUpQueryRewriterTests
{
    private static IReadOnlyList<ConversationTurn> After(string question) =>
        [new(ConversationTurn.User, question), new(ConversationTurn.Assistant, "(previous answer)")];

    [Theory]
    [InlineData("What's the maximum hotel price per night in London?", "and in Paris?", "What's the maximum hotel price per night in Paris?")]
    [InlineData("What is the hotel cap in Amsterdam?", "what about Lisbon?", "What is the hotel cap in Lisbon?")]
    [InlineData("How fast does IT respond to a P1?", "and a P3?", "How fast does IT respond to a P3?")]
    [InlineData("How many vacation days do I get per year?", "and for part-timers?", "How many vacation days do I get per year for part-timers?")]
    [InlineData("Can I carry over unused holiday into next year?", "until when?", "Until when can I carry over unused holiday into next year?")]
    public void Elliptical_follow_ups_carry_the_previous_topic_with_the_new_slot(string previous, string followUp, string expected) =>
        Assert.Equal(expected, FollowUpQueryRewriter.Rewrite(followUp, After(previous)));

    [Theory]
    [InlineData("How do I install Docker on my work laptop?")]
    [InlineData("do I need a doctor's note when I'm off sick?")]
    public void Questions_that_stand_on_their_own_are_searched_as_asked(string question) =>
        Assert.Equal(question, FollowUpQueryRewriter.Rewrite(question, After("What's the hotel cap in London?")));

    [Fact]
    public void Without_an_earlier_user_turn_nothing_is_rewritten()
    {
        Assert.Equal("and in Paris?", FollowUpQueryRewriter.Rewrite("and in Paris?", []));
        Assert.Equal("and in Paris?", FollowUpQueryRewriter.Rewrite("and in Paris?", [new(ConversationTurn.Assistant, "Hello")]));
    }

    [Fact]
    public void Hostile_or_huge_turns_do_not_throw()
    {
        var huge = string.Concat(Enumerable.Repeat("in (((( [", 20_000));
        var rewritten = FollowUpQueryRewriter.Rewrite("and in .*?", After(huge));
        Assert.NotEmpty(rewritten);
        Assert.Equal("", FollowUpQueryRewriter.Rewrite("", After("x")));
    }
}
