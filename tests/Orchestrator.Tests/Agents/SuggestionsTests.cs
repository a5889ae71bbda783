using Orchestrator.Configuration;

namespace Orchestrator.Tests.Agents;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("exmaples", "examples")]
    [InlineData("modle", "model")]
    [InlineData("Guardian", "guardian")]
    [InlineData("knowlege", "knowledge")]
    public void Close_typos_get_a_suggestion(string typo, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(typo, AgentFileParser.Fields));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    public void Unrelated_words_get_none(string word)
    {
        Assert.Null(Suggestions.Closest(word, AgentFileParser.Fields));
        Assert.Equal("", Suggestions.DidYouMean(word, AgentFileParser.Fields));
    }

    [Fact]
    public void Adjacent_swap_costs_one_edit()
    {
        Assert.Equal(1, Suggestions.Distance("ab", "ba"));
        Assert.Equal(3, Suggestions.Distance("kitten", "sitting"));
    }
}
