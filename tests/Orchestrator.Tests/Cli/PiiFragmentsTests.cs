using Orchestrator.Cli.Evaluation;

namespace Orchestrator.Tests.Cli;

/// <summary>The joined (fragment-aware) exact score of <c>eval guardian --task pii</c> for street addresses.</summary>
public sealed class PiiFragmentsTests
{
    private const string Text = "28030 Edeby 55  Apt. 297  TYSTBERGA  Sweden 99178. Call Anna.";

    private static readonly List<(int Row, string Type, int Start, int End)> Gold =
    [
        (0, "STREET_ADDRESS", 0, 5), (0, "STREET_ADDRESS", 6, 14), (0, "STREET_ADDRESS", 16, 24), (0, "GPE", 26, 35), (0, "GPE", 37, 43),
        (0, "STREET_ADDRESS", 44, 49), (0, "PERSON", 57, 61),
    ];

    [Fact]
    public void Fragments_parted_by_separators_and_other_gold_spans_are_one_address()
    {
        var units = PiiFragments.Join([Text], Gold, "STREET_ADDRESS");
        Assert.Equal([(0, 0, 49)], units);
    }

    [Fact]
    public void A_prediction_of_the_whole_address_is_found_and_a_part_is_not()
    {
        var whole = PiiFragments.Score([Text], Gold, [(0, "STREET_ADDRESS", 0, 50)], "STREET_ADDRESS"); // trailing dot trimmed
        var part = PiiFragments.Score([Text], Gold, [(0, "STREET_ADDRESS", 0, 14)], "STREET_ADDRESS");
        Assert.Equal((1.0, 1.0, 1.0), whole);
        Assert.Equal((0.0, 0.0, 0.0), part);
    }

    [Fact]
    public void Addresses_parted_by_words_stay_apart() =>
        Assert.Equal(2, PiiFragments.Join(["12 Oak Street and 14 Elm Road"], [(0, "STREET_ADDRESS", 0, 13), (0, "STREET_ADDRESS", 18, 29)], "STREET_ADDRESS").Count);
}
