using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Retrieval;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

public sealed class GroundednessCheckTests
{
    private readonly GroundednessCheck _check = new(SharedEmbedder.Instance);

    public static TheoryData<string> Verbatim => new(GroundednessFixtures.Verbatim);

    public static TheoryData<string> Paraphrased => new(GroundednessFixtures.Paraphrased);

    public static TheoryData<string> ChangedNumber => new(GroundednessFixtures.ChangedNumber);

    public static TheoryData<string> Invented => new(GroundednessFixtures.Invented);

    [Theory]
    [MemberData(nameof(Verbatim))]
    [MemberData(nameof(Paraphrased))]
    public async Task Supported_sentence_passes(string sentence)
    {
        var result = await CheckAsync(sentence);
        Assert.True(result.Passed, result.Detail);
        Assert.Equal(1.0, result.Score);
    }

    [Theory]
    [MemberData(nameof(ChangedNumber))]
    [MemberData(nameof(Invented))]
    public async Task Unsupported_sentence_fails_and_is_quoted(string sentence)
    {
        var result = await CheckAsync(sentence);
        Assert.False(result.Passed);
        Assert.Equal(0.0, result.Score);
        Assert.Contains(sentence[..20], result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_is_the_fraction_of_supported_sentences_and_detail_names_the_first_unsupported()
    {
        var answer = $"{GroundednessFixtures.Verbatim[0]} {GroundednessFixtures.Invented[0]} {GroundednessFixtures.Paraphrased[4]} {GroundednessFixtures.ChangedNumber[2]}";
        var result = await CheckAsync(answer);

        Assert.False(result.Passed);
        Assert.Equal(0.5, result.Score);
        Assert.Contains("2 of 4", result.Detail, StringComparison.Ordinal);
        Assert.Contains("cafeteria", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("5,000", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lower_supported_fraction_lets_a_mostly_grounded_answer_pass()
    {
        var lenient = new GroundednessCheck(SharedEmbedder.Instance, new GroundednessOptions { MinSupportedFraction = 0.5 });
        var answer = $"{GroundednessFixtures.Verbatim[0]} {GroundednessFixtures.Invented[0]}";
        var result = await lenient.CheckAsync(new GuardianCheckContext("q", answer, GroundednessFixtures.Evidence));
        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public async Task Long_unsupported_sentence_is_truncated_in_the_detail()
    {
        var sentence = "The cafeteria " + string.Join(" ", Enumerable.Repeat("serves lunch", 30)) + ".";
        var result = await CheckAsync(sentence);
        Assert.Contains("…", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Detail.Length < 150, result.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("[1] [2]")]
    public async Task Empty_answer_fails(string answer)
    {
        var result = await CheckAsync(answer);
        Assert.False(result.Passed);
        Assert.Contains("empty", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_evidence_fails_with_a_clear_detail()
    {
        var result = await _check.CheckAsync(new GuardianCheckContext("q", GroundednessFixtures.Verbatim[0], Array.Empty<Passage>()));
        Assert.False(result.Passed);
        Assert.Contains("no evidence", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_match_across_thousands_separators_and_percent_words()
    {
        Passage[] evidence = [new() { ChunkId = "c", Source = "s", Locator = "1", Text = "The bonus pool is 1000 EUR, and 50 percent of it is paid in March." }];
        var result = await _check.CheckAsync(new GuardianCheckContext("q", "Half of the 1,000 EUR bonus pool, 50%, is paid in March [1].", evidence));
        Assert.True(result.Passed, result.Detail);
    }

    private Task<GuardianCheckResult> CheckAsync(string answer) =>
        _check.CheckAsync(new GuardianCheckContext("question", answer, GroundednessFixtures.Evidence));
}
