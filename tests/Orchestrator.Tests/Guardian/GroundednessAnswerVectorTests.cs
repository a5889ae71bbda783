using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Tests.Support;
using Orchestrator.TextUnits;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// An answer sentence that is one of the evidence's own units (a table row read as "key: value",
/// which the raw passage does not contain verbatim) takes the vector stored for that unit instead
/// of being embedded again; a stored vector that does not fit the embedder is never used.
/// </summary>
public sealed class GroundednessAnswerVectorTests
{
    private const string RowAnswer = "Pension: Auto-enrolment at 4%, company match up to 6% of base salary.";

    private static readonly Passage Table = new()
    {
        ChunkId = "benefits", Source = "benefits.md", Locator = "Benefits",
        Text = "| Benefit | What you get | |---|---| | Health insurance | 100% of employee premium paid | "
            + "| Pension | Auto-enrolment at 4%, company match up to 6% of base salary | | Life insurance | 3 x annual base salary |\n"
            + "The company matches your contribution one-for-one up to 6% of base salary.",
    };

    [Fact]
    public async Task A_quoted_table_row_uses_its_stored_vector_and_embeds_nothing()
    {
        var stored = await WithStoredVectorsAsync(Table);
        Assert.Contains(stored.SentenceVectors!, u => u.Text == RowAnswer); // the row is one of the stored units
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);

        var result = await new GroundednessCheck(counting).CheckAsync(new GuardianCheckContext("q", RowAnswer, [stored]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public async Task The_outcome_is_the_same_as_when_the_sentence_is_embedded()
    {
        var stored = await WithStoredVectorsAsync(Table);
        var answer = RowAnswer + " Life insurance: 3 x annual base salary. The company pays for your lunch every day.";

        var reused = await new GroundednessCheck(SharedEmbedder.Instance).CheckAsync(new GuardianCheckContext("q", answer, [stored]));
        var embedded = await new GroundednessCheck(SharedEmbedder.Instance).CheckAsync(new GuardianCheckContext("q", answer, [Table]));

        Assert.Equal(embedded.Passed, reused.Passed);
        Assert.Equal(embedded.Score, reused.Score);
        Assert.Equal(embedded.Detail, reused.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(385)]
    public async Task Stored_vectors_of_the_wrong_length_are_embedded_afresh_not_a_crash(int length)
    {
        var units = ComparisonUnits.Of(Table.Text).Units;
        var broken = Table with { SentenceVectors = units.Select(u => new SentenceVector(u, new float[length])).ToList() };
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);

        var result = await new GroundednessCheck(counting).CheckAsync(new GuardianCheckContext("q", RowAnswer, [broken]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal(1 + units.Count, counting.TextsEmbedded); // the sentence and the passage's units
    }

    private static async Task<Passage> WithStoredVectorsAsync(Passage passage)
    {
        var units = ComparisonUnits.Of(passage.Text).Units;
        var vectors = await SharedEmbedder.Instance.GenerateAsync(units);
        return passage with { SentenceVectors = units.Zip(vectors, (t, v) => new SentenceVector(t, v.Vector.ToArray())).ToList() };
    }
}
