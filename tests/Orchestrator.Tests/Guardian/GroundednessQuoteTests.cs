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
