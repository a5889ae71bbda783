using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

/// <summary>Groundedness v2: names and numbers must come from one supporting sentence, in the same relation.</summary>
public sealed class GroundednessAnchorTests
{
    private static readonly Passage[] Evidence =
    [
        new()
        {
            ChunkId = "tesla", Source = "tesla.md", Locator = "1",
            Text = "Tesla was born in Smiljan in 1856. He moved to New York in 1884, where he worked for Thomas Edison. "
                + "Edison paid him 18 dollars a week. Tesla later sold his patents to George Westinghouse for 60,000 dollars.",
        },
    ];

    private readonly GroundednessCheck _check = new(SharedEmbedder.Instance);

    [Theory]
    [InlineData("Tesla moved to New York in 1884 and worked for Thomas Edison.")]
    [InlineData("Tesla sold his patents to George Westinghouse for 60,000 dollars.")]
    [InlineData("Edison paid him 18 dollars per week.")]
    public async Task Paraphrase_with_the_same_names_and_numbers_passes(string answer)
    {
        var result = await CheckAsync(answer);
        Assert.True(result.Passed, result.Detail);
    }

    [Theory]
    [InlineData("Tesla sold his patents to Thomas Edison for 60,000 dollars.")]
    [InlineData("He moved to New York in 1884, where he worked for George Westinghouse.")]
    public async Task Name_swapped_for_another_name_of_the_passage_fails(string answer)
    {
        var result = await CheckAsync(answer);
        Assert.False(result.Passed, result.Detail);
    }

    [Theory]
    [InlineData("He moved to New York in 1856, where he worked for Thomas Edison.")]
    [InlineData("Tesla was born in Smiljan in 1884.")]
    [InlineData("Edison paid him 60,000 dollars a week.")]
    public async Task Numbers_of_the_passage_mixed_up_fail(string answer)
    {
        var result = await CheckAsync(answer);
        Assert.False(result.Passed, result.Detail);
    }

    [Fact]
    public async Task Stored_sentence_vectors_are_used_instead_of_embedding_the_passage_again()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var check = new GroundednessCheck(counting);
        var passage = Evidence[0];
        var units = new[] { passage.Text }.Concat(passage.Text.Split(". ").Select((s, i) => s.EndsWith('.') ? s : s + "."));
        var vectors = await SharedEmbedder.Instance.GenerateAsync(units.ToList());
        var stored = passage with { SentenceVectors = units.Zip(vectors, (t, v) => new SentenceVector(t, v.Vector.ToArray())).ToList() };

        var result = await check.CheckAsync(new GuardianCheckContext("q", "Tesla moved to New York in 1884 and worked for Thomas Edison.", [stored]));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal(1, counting.TextsEmbedded); // the answer sentence only
    }

    [Fact]
    public async Task A_sentence_that_fails_the_lexical_rules_is_not_embedded_at_all()
    {
        var counting = new CountingEmbeddingGenerator(SharedEmbedder.Instance);
        var result = await new GroundednessCheck(counting).CheckAsync(new GuardianCheckContext("q", "Edison paid him 60,000 dollars a week.", Evidence));
        Assert.False(result.Passed);
        Assert.Equal(0, counting.TextsEmbedded);
    }

    [Fact]
    public async Task A_table_row_quoted_as_key_and_value_is_judged_against_its_own_row()
    {
        const string answer = "Pension: Auto-enrolment at 4%, company match up to 6% of base salary.";
        // The reader flattens a Markdown table onto one line; the extractive answer quotes a row as
        // "key: value". The row, not the prose sentence about the same topic, is its support.
        var table = new Passage
        {
            ChunkId = "benefits", Source = "benefits.md", Locator = "Benefits",
            Text = "| Benefit | What you get | |---|---| | Health insurance | 100% of employee premium paid | "
                + "| Pension | Auto-enrolment at 4%, company match up to 6% of base salary | | Life insurance | 3 x annual base salary |\n"
                + "The company matches your contribution one-for-one up to 6% of base salary.",
        };

        var result = await _check.CheckAsync(new GuardianCheckContext("q", answer, [table]));

        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public async Task A_table_row_quoted_with_its_column_headers_is_supported()
    {
        var table = new Passage
        {
            ChunkId = "sev", Source = "incident-reporting.md", Locator = "Severity",
            Text = "| Severity | Examples | Security team responds |\n|---|---|---|\n"
                + "| SEV2 - High | Lost laptop | Within 1 hour |\n| SEV3 - Low | Phishing email reported but not clicked, policy question | Within 1 working day |",
        };

        var result = await _check.CheckAsync(new GuardianCheckContext("q",
            "SEV3 - Low: Phishing email reported but not clicked, policy question; Security team responds: Within 1 working day.", [table]));

        Assert.True(result.Passed, result.Detail);
    }

    private Task<GuardianCheckResult> CheckAsync(string answer) => _check.CheckAsync(new GuardianCheckContext("q", answer, Evidence));
}
