using System.Collections;
using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>What the input rail judges for a later turn: bounded, whatever the history holds.</summary>
public sealed class ConversationInputTests
{
    [Fact]
    public void A_follow_up_gets_its_completed_question_and_the_recent_user_turns_joined()
    {
        ConversationTurn[] history = [new(ConversationTurn.User, "What is the response time for a P2 ticket?"), new(ConversationTurn.Assistant, "P2 tickets get a response within 4 hours.")];

        var context = ConversationInput.For("and a P3?", history);

        Assert.Equal("What is the response time for a P3 ticket?", context.CompletedQuestion);
        Assert.Equal("What is the response time for a P2 ticket?\nand a P3?", context.Conversation);
    }

    [Fact]
    public void A_first_turn_and_a_history_of_empty_or_invisible_turns_have_no_context()
    {
        Assert.True(ConversationInput.For("Where can I park?", []).IsEmpty);
        Assert.True(ConversationInput.For("Where can I park?", [new(ConversationTurn.User, ""), new(ConversationTurn.User, "\u200B\u200D\uFEFF\u2060"), new(ConversationTurn.Assistant, "Hello.")]).IsEmpty);
    }

    [Fact]
    public void Only_the_last_user_side_turns_count_and_assistant_turns_never_do()
    {
        ConversationTurn[] history =
        [
            new(ConversationTurn.User, "first"), new(ConversationTurn.User, "second"), new("system", "third"),
            new(ConversationTurn.Assistant, "not the user's"), new("tool", "fourth"), new(ConversationTurn.User, "fifth"),
        ];

        var context = ConversationInput.For("now", history);

        Assert.Equal("third\nfourth\nfifth\nnow", context.Conversation);
    }

    [Fact]
    public void A_huge_history_is_read_from_its_end_only_and_the_joined_text_is_capped()
    {
        var history = new CountingHistory(1_000_000, i => new ConversationTurn(i % 2 == 0 ? ConversationTurn.User : ConversationTurn.Assistant, new string('y', 50_000) + " turn " + i));

        var context = ConversationInput.For("and then?", history);

        Assert.True(history.Reads <= 3 * ConversationInput.MaxTurnsScanned, $"{history.Reads} turns read");
        Assert.Equal(ConversationInput.MaxConversationChars, context.Conversation!.Length);
        Assert.EndsWith("turn 999998\nand then?", context.Conversation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_earlier_user_turns_are_also_given_one_by_one_each_cut_to_the_window()
    {
        ConversationTurn[] history =
        [
            new(ConversationTurn.User, "first"), new(ConversationTurn.User, "second " + new string('z', 5_000)),
            new(ConversationTurn.Assistant, "not the user's"), new(ConversationTurn.User, "third"), new(ConversationTurn.User, "fourth"),
        ];

        var context = ConversationInput.For("now", history);

        Assert.Equal(ConversationInput.EarlierTurns, context.EarlierTurns.Count);
        Assert.Equal(ConversationInput.MaxConversationChars, context.EarlierTurns[0].Length);
        Assert.Equal(["third", "fourth"], context.EarlierTurns.Skip(1));
        Assert.Empty(ConversationInput.For("now", []).EarlierTurns);
    }

    /// <summary>A history that counts how many of its turns were read.</summary>
    private sealed class CountingHistory(int count, Func<int, ConversationTurn> turn) : IReadOnlyList<ConversationTurn>
    {
        public int Reads { get; private set; }

        public int Count => count;

        public ConversationTurn this[int index]
        {
            get
            {
                Reads++;
                return turn(index);
            }
        }

        public IEnumerator<ConversationTurn> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
