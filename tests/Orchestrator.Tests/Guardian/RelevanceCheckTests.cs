using Orchestrator.Guardian;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

public sealed class RelevanceCheckTests
{
    private static readonly Passage[] Evidence = [new() { ChunkId = "c", Source = "s", Locator = "1", Text = "Tesla moved to New York in 1884. He worked for Thomas Edison." }];

    private readonly RelevanceCheck _check = new(SharedEmbedder.Instance);

    [Theory]
    [InlineData("When did Tesla move to New York?", "Tesla moved to New York in 1884.")]
    [InlineData("Who did Tesla work for?", "He worked for Thomas Edison.")]
    [InlineData("How many days of leave do I get?", "Full-time employees get 25 days of paid leave.")]
    [InlineData("Can I carry over unused leave?", "Up to five unused days may be carried over with manager approval.")]
    public async Task An_answer_that_addresses_the_question_passes(string question, string answer)
    {
        var result = await CheckAsync(question, answer);
        Assert.True(result.Passed, result.Detail);
        Assert.Equal(1.0, result.Score);
    }

    [Theory]
    [InlineData("When did Tesla move to New York?", "He worked for Thomas Edison.")]
    [InlineData("Who did Tesla work for?", "Tesla moved to the city in 1884.")]
    [InlineData("How many days of leave do I get?", "Leave must be approved by your manager.")]
    [InlineData("What is the VPN address of the Berlin office?", "The cafeteria serves lunch between noon and two.")]
    public async Task A_true_but_unrelated_answer_fails(string question, string answer)
    {
        var result = await CheckAsync(question, answer);
        Assert.False(result.Passed, result.Detail);
        Assert.True(result.Score < 1.0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" [1] ")]
    public async Task Empty_answer_fails(string answer)
    {
        var result = await CheckAsync("When?", answer);
        Assert.False(result.Passed);
        Assert.Equal("the answer is empty", result.Detail);
    }

    [Fact]
    public async Task Huge_and_hostile_input_completes()
    {
        var huge = string.Concat(Enumerable.Repeat("When who where how many \u200B１２ ", 40_000));
        var result = await CheckAsync(huge, huge);
        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public void Relevance_is_a_known_built_in_check()
    {
        Assert.Contains(RelevanceCheck.CheckName, AnswerGuardian.KnownChecks);
        Assert.Contains(RelevanceCheck.CheckName, AnswerGuardian.CreateDefault(SharedEmbedder.Instance).Available);
    }

    private Task<GuardianCheckResult> CheckAsync(string question, string answer) =>
        _check.CheckAsync(new GuardianCheckContext(question, answer, Evidence));
}
