using Orchestrator.Guardian;

namespace Orchestrator.Tests.Guardian;

public sealed class PiiCheckTests
{
    private const string Leaky = "Mail ann@example.com and pay with 4111 1111 1111 1111.";

    [Fact]
    public async Task Redact_mode_passes_with_the_redacted_answer_and_counts()
    {
        var result = await new PiiCheck().CheckAsync(Context(Leaky));

        Assert.True(result.Passed);
        Assert.Equal(1.0, result.Score);
        Assert.Equal("redacted 1 email, 1 credit_card", result.Detail);
        Assert.Equal("Mail <EMAIL_1> and pay with <CREDIT_CARD_1>.", result.RewrittenAnswer);
    }

    [Fact]
    public async Task Block_mode_fails_when_pii_is_found()
    {
        var result = await new PiiCheck(PiiCheckMode.Block).CheckAsync(Context(Leaky));

        Assert.False(result.Passed);
        Assert.Equal(0.0, result.Score);
        Assert.Equal("found 1 email, 1 credit_card", result.Detail);
    }

    [Theory]
    [InlineData(PiiCheckMode.Redact)]
    [InlineData(PiiCheckMode.Block)]
    public async Task Clean_answer_passes_unchanged(PiiCheckMode mode)
    {
        var result = await new PiiCheck(mode).CheckAsync(Context("Leave is 25 days per year."));

        Assert.True(result.Passed);
        Assert.Null(result.RewrittenAnswer);
    }

    private static GuardianCheckContext Context(string answer) => new("question", answer, []);
}
