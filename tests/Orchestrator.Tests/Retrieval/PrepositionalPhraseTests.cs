using System.Text.RegularExpressions;
using Orchestrator.Retrieval.QueryRewriting;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// The follow-up rewriter found the phrase to replace with a right-to-left regex under a 100 ms timeout
/// (a timeout left the follow-up unrewritten, so the answer depended on load); string code replaces it
/// and must find exactly what the regex found.
/// </summary>
public sealed class PrepositionalPhraseTests
{
    private static readonly string[] Pieces =
    [
        "in", "In", "IN", "for", "at", "within", " ", " ", "  ", "\t", "\n", ",", ".", "?", "!", ";", ":", "x", "Paris",
        "_", "1", "é", "inside", "-", "'", "\u200D", "\u0301", "\u00A0", "London", "the price",
    ];

    [Theory]
    [InlineData("What's the maximum hotel price per night in London?", "in", "What's the maximum hotel price per night ", "in London")]
    [InlineData("Flights in May to Rome, in economy", "in", "Flights in May to Rome, ", "in economy")]
    [InlineData("Hotels in Paris, please.", "in", "Hotels ", "in Paris")]
    [InlineData("Hotels within reach in Paris", "in", "Hotels within reach ", "in Paris")]
    public void Finds_the_phrase_in_the_last_clause_that_has_one(string text, string preposition, string before, string phrase)
    {
        var (start, length) = PrepositionalPhrase.FindLast(text, preposition)!.Value;

        Assert.Equal(before, text[..start]);
        Assert.Equal(phrase, text.Substring(start, length));
    }

    [Theory]
    [InlineData("Hotels inside Paris")]
    [InlineData("Hotels in")]
    [InlineData("Hotels in ?")]
    [InlineData("")]
    public void Finds_nothing_without_a_whole_word_followed_by_text(string text)
    {
        Assert.Null(PrepositionalPhrase.FindLast(text, "in"));
    }

    [Fact]
    public void Agrees_with_the_right_to_left_regex_it_replaces()
    {
        var random = new Random(33);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            foreach (var preposition in new[] { "in", "for", "at", "within" })
            {
                var oracle = new Regex(@"\b" + Regex.Escape(preposition) + @"\s+[^,.;:!?]+", RegexOptions.IgnoreCase | RegexOptions.RightToLeft).Match(text);
                var expected = oracle.Success ? (oracle.Index, oracle.Length) : ((int, int)?)null;

                Assert.True(expected == PrepositionalPhrase.FindLast(text, preposition), $"'{preposition}' in \"{text}\": expected {expected}, got {PrepositionalPhrase.FindLast(text, preposition)}");
            }
        }
    }
}
