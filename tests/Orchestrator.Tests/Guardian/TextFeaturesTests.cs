using Orchestrator.Guardian.Groundedness;

namespace Orchestrator.Tests.Guardian;

public sealed class TextFeaturesTests
{
    [Fact]
    public void Splits_sentences_but_not_decimals_abbreviations_or_initials()
    {
        var sentences = TextFeatures.SplitSentences("Dr. Smith approved 2.5 days, e.g. for moves. J. Doe agreed!\n- Second point\n1. Third point");
        Assert.Equal(["Dr. Smith approved 2.5 days, e.g. for moves.", "J. Doe agreed!", "Second point", "Third point"], sentences);
    }

    [Fact]
    public void A_sentence_that_ends_in_a_single_digit_ends_there()
    {
        // An answer quoting "... before the child turns 8. [2]" and then a sentence of another
        // passage read as one sentence once the marker was stripped: "8." passed for an initial,
        // so the joined text quoted no passage and the groundedness check blocked a true answer.
        var answer = TextFeatures.StripCitations("Parental leave can be taken until the child turns 8. [2] Emergency care leave is 5 days. [1]");
        Assert.Equal(["Parental leave can be taken until the child turns 8.", "Emergency care leave is 5 days."], TextFeatures.SplitSentences(answer));
        Assert.Equal(["Ask J. Doe.", "See step 3."], TextFeatures.SplitSentences("Ask J. Doe. See step 3."));
    }

    [Fact]
    public void A_list_number_of_any_width_stays_with_its_item()
    {
        // "10. Submit the form." used to split into "10." and "Submit the form.": only a one-digit
        // list number was recognised, so a quoted tenth step never matched its passage unit.
        Assert.Equal(["Submit the form."], TextFeatures.SplitSentences("10. Submit the form."));
        Assert.Equal(["Open the portal.", "Submit the form."], TextFeatures.SplitSentences("9. Open the portal.\n10. Submit the form."));
        Assert.Equal(["The fee rose in 2024.", "It is now 40."], TextFeatures.SplitSentences("The fee rose in 2024. It is now 40."));
    }

    [Fact]
    public void Strips_citation_markers()
    {
        Assert.Equal("Leave is 25 days.", TextFeatures.StripCitations("Leave is 25 days [1][2, 3]."));
    }

    [Fact]
    public void Numbers_are_compared_by_value()
    {
        Assert.Equal(TextFeatures.Numbers("1000 and 2.5 and 7"), TextFeatures.Numbers("1,000 and 2.50 and 7%"));
    }
}
