using Orchestrator.Guardian;
using Orchestrator.Models.Batching;
using Orchestrator.Tests.Support;
using Orchestrator.TextUnits;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// The relevance check compares question and answer by vector only when the lexical rules cannot
/// decide; it then takes the answer's vector from the evidence's stored units (an extractive answer
/// quotes a passage sentence) and the question's from the request's memo, and embeds only the rest.
/// The verdict is the one a fresh embedding gives.
/// </summary>
public sealed class RelevanceVectorReuseTests
{
    // The lexical rules cannot decide: the answer holds a year (kind holds) but repeats none of the question's key terms.
    private const string Question = "When was the treaty of Westphalia signed?";
    private const string Answer = "The peace was concluded in October 1648 at Osnabrück and Münster.";
    private const string Unrelated = "The cafeteria opens in 1999 at noon and closes at two.";

    private static readonly Passage Evidence = new()
    {
        ChunkId = "c", Source = "s", Locator = "1",
        Text = "The Thirty Years' War ended with a set of treaties. The peace was concluded in October 1648 at Osnabrück and Münster. The cafeteria opens in 1999 at noon and closes at two.",
    };

    [Theory]
    [InlineData(Answer)]
    [InlineData(Unrelated)]
    public async Task A_quoted_answer_uses_its_stored_vector_and_the_verdict_matches_a_fresh_embedding(string answer)
    {
        var stored = await WithStoredVectorsAsync(Evidence);
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);

        var reused = await new RelevanceCheck(counting).CheckAsync(new GuardianCheckContext(Question, answer, [stored]));
        var fresh = await new RelevanceCheck(SharedEmbedder.Instance).CheckAsync(new GuardianCheckContext(Question, answer, [Evidence]));

        Assert.Contains("similarity", fresh.Detail, StringComparison.Ordinal); // the vector path ran, or the test proves nothing
        Assert.Equal(1, counting.TextsEmbedded); // the question only: the answer's vector was stored
        Assert.Equal(fresh.Passed, reused.Passed);
        Assert.Equal(fresh.Score, reused.Score);
        Assert.Equal(fresh.Detail, reused.Detail);
    }

    [Fact]
    public async Task Inside_a_request_the_question_comes_from_the_memo_so_nothing_is_embedded()
    {
        var stored = await WithStoredVectorsAsync(Evidence);
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var scoped = new RequestScopedEmbeddingGenerator(counting);
        using (EmbeddingScope.Begin())
        {
            _ = await scoped.GenerateAsync([Question]); // routing's call
            var before = counting.TextsEmbedded;

            var result = await new RelevanceCheck(scoped).CheckAsync(new GuardianCheckContext(Question, Answer, [stored]));

            Assert.Contains("similarity", result.Detail, StringComparison.Ordinal);
            Assert.Equal(before, counting.TextsEmbedded);
        }
    }

    [Fact]
    public async Task An_answer_no_passage_stores_is_embedded()
    {
        var stored = await WithStoredVectorsAsync(Evidence);
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        const string paraphrase = "It was concluded in October 1648 in two Westphalian towns.";

        var reused = await new RelevanceCheck(counting).CheckAsync(new GuardianCheckContext(Question, paraphrase, [stored]));
        var fresh = await new RelevanceCheck(SharedEmbedder.Instance).CheckAsync(new GuardianCheckContext(Question, paraphrase, [Evidence]));

        Assert.Equal(2, counting.TextsEmbedded);
        Assert.Equal(fresh.Detail, reused.Detail);
    }

    [Fact]
    public async Task A_stored_vector_of_the_wrong_length_is_not_used()
    {
        var units = ComparisonUnits.Of(Evidence.Text).Units;
        var broken = Evidence with { SentenceVectors = units.Select(u => new SentenceVector(u, new float[3])).ToList() };
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);

        var result = await new RelevanceCheck(counting).CheckAsync(new GuardianCheckContext(Question, Answer, [broken]));
        var fresh = await new RelevanceCheck(SharedEmbedder.Instance).CheckAsync(new GuardianCheckContext(Question, Answer, [Evidence]));

        Assert.Equal(2, counting.TextsEmbedded);
        Assert.Equal(fresh.Detail, result.Detail);
    }

    private static async Task<Passage> WithStoredVectorsAsync(Passage passage)
    {
        var units = ComparisonUnits.Of(passage.Text).Units;
        var vectors = await SharedEmbedder.Instance.GenerateAsync(units);
        return passage with { SentenceVectors = units.Zip(vectors, (t, v) => new SentenceVector(t, v.Vector.ToArray())).ToList() };
    }
}
