using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Retrieval;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

public sealed class GroundednessQuoteTests
{
    private static readonly Passage Leave = new()
    {
        ChunkId = "c1",
        Source = "knowledge/hr/annual-leave.md",
        Locator = "Entitlement",
        Text = "Full-time employees receive 25 days of annual leave per calendar year. Part-time employees receive a pro-rata share.",
    };

    [Fact]
    public async Task Verbatim_quotes_are_supported_without_embedding_anything()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var result = await check.CheckAsync(new GuardianCheckContext("q", "Full-time   employees receive 25 days of annual leave per calendar year. [1]", [Leave]));
        Assert.True(result.Passed, result.Detail);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public async Task A_quoted_lead_in_ending_in_a_colon_and_a_quoted_row_of_its_list_are_two_quotes()
    {
        // The sample's Berlin hotel answer: the lead-in and the Berlin row are both verbatim, but
        // read as one sentence ("…city tier: Tier 2 - …") they were no quote, were embedded, and
        // with the int8 embedder fell under the similarity floor, so a correct answer was withheld.
        var hotels = new Passage
        {
            ChunkId = "c2",
            Source = "knowledge/finance/travel-policy.pdf",
            Locator = "Hotels",
            Text = "Hotels Hotel rates are capped per night, including taxes and excluding breakfast, according to the city tier: - Tier 1 - London, Paris, Zurich: up to EUR 250 per night. - Tier 2 - Amsterdam, Berlin, Munich: up to EUR 180 per night. - Tier 3 - all other cities: up to EUR 130 per night.",
        };
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var answer = "Hotel rates are capped per night, including taxes and excluding breakfast, according to the city tier: [1] Tier 2 - Amsterdam, Berlin, Munich: up to EUR 180 per night. [1]";

        var result = await check.CheckAsync(new GuardianCheckContext("What's the hotel budget per night in Berlin?", answer, [hotels]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal("all 2 sentences supported", result.Detail);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public async Task A_cited_quote_without_closing_punctuation_and_the_quote_after_it_are_two_quotes()
    {
        // The sample's part-time answer quoted the formula line "entitlement = 25 days x (contracted
        // hours per week / 40)", which has no full stop, and then the full-time sentence. Read as one
        // sentence they were in no passage, and a correct answer of verbatim quotes was withheld.
        var partTime = new Passage
        {
            ChunkId = "c3",
            Source = "knowledge/hr/annual-leave.md",
            Locator = "Part-time employees",
            Text = "Part-time employees receive annual leave pro rata to their contracted hours. The formula is:\n\n    entitlement = 25 days x (contracted hours per week / 40)",
        };
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var answer = "entitlement = 25 days x (contracted hours per week / 40) [1] Full-time employees receive 25 days of annual leave per calendar year. [2]";

        var result = await check.CheckAsync(new GuardianCheckContext("How many vacation days do I get if I work 4 days a week?", answer, [partTime, Leave]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal("all 2 sentences supported", result.Detail);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public async Task A_citation_inside_a_sentence_does_not_split_it()
    {
        // "… 25 days [1] and 30 days …": the lower-case word after the marker continues the same
        // claim, which stays one sentence and fails on its changed figure.
        var check = new GroundednessCheck(SharedEmbedder.Instance);
        var result = await check.CheckAsync(new GuardianCheckContext("q", "Full-time employees receive 25 days [1] and 30 days of annual leave per calendar year. [1]", [Leave]));
        Assert.StartsWith("0 of 1 sentences supported", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_colon_without_a_citation_still_continues_its_sentence()
    {
        // Only a citation marks where a quoted lead-in ends; "the cap is: EUR 180" stays one claim.
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var result = await check.CheckAsync(new GuardianCheckContext("q", "Full-time employees receive: 30 days of annual leave per calendar year.", [Leave]));
        Assert.False(result.Passed);
        Assert.StartsWith("0 of 1 sentences supported", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_with_a_changed_number_is_not_a_quote_and_fails()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var result = await check.CheckAsync(new GuardianCheckContext("q", "Full-time employees receive 30 days of annual leave per calendar year.", [Leave]));
        Assert.False(result.Passed);

        // The number no longer sits beside the same words as in the passage, so the lexical rules
        // reject the sentence before anything is embedded.
        Assert.Equal(0, counting.TextsEmbedded);
    }
}
