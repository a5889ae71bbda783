using Orchestrator.Guardian;
using Orchestrator.Tests.Support;


namespace Orchestrator.Tests.Guardian;

public sealed class GuardianTests
{
    private static readonly string Grounded = GroundednessFixtures.Verbatim[1];

    private readonly AnswerGuardian _guardian = AnswerGuardian.CreateDefault(SharedEmbedder.Instance);

    [Fact]
    public async Task Grounded_answer_with_pii_passes_with_the_redacted_answer()
    {
        var answer = Grounded + " Questions go to ann@example.com.";
        var verdict = await _guardian.ValidateAsync(Request(answer, "groundedness", "pii"));

        Assert.False(verdict.Passed, "the e-mail sentence is not in the evidence");
        var lenient = AnswerGuardian.CreateDefault(SharedEmbedder.Instance, new() { MinSupportedFraction = 0.5 });
        verdict = await lenient.ValidateAsync(Request(answer, "groundedness", "pii"));

        Assert.True(verdict.Passed, string.Join("; ", verdict.Checks.Select(c => c.Detail)));
        Assert.Equal(["groundedness", "pii"], verdict.Checks.Select(c => c.Name));
        Assert.Equal(Grounded + " Questions go to <EMAIL_1>.", verdict.SafeAnswer);
    }

    [Fact]
    public async Task Failed_check_withholds_the_answer()
    {
        var answer = GroundednessFixtures.ChangedNumber[0] + " Mail ann@example.com.";
        var verdict = await _guardian.ValidateAsync(Request(answer, "pii", "groundedness"));

        Assert.False(verdict.Passed);
        Assert.True(verdict.Checks[0].Passed);
        Assert.False(verdict.Checks[1].Passed);
        Assert.Equal(AnswerGuardian.WithheldAnswer, verdict.SafeAnswer);
    }

    [Fact]
    public async Task Blocking_pii_mode_fails_the_verdict()
    {
        var blocking = AnswerGuardian.CreateDefault(SharedEmbedder.Instance, piiMode: PiiCheckMode.Block);
        var verdict = await blocking.ValidateAsync(Request("Mail ann@example.com.", "pii"));

        Assert.False(verdict.Passed);
        Assert.DoesNotContain("ann@", verdict.SafeAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_named_checks_run_and_none_named_passes_unchanged()
    {
        var verdict = await _guardian.ValidateAsync(Request(Grounded, "PII"));
        Assert.Equal("pii", Assert.Single(verdict.Checks).Name);

        verdict = await _guardian.ValidateAsync(Request("Anything at all."));
        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Checks);
        Assert.Equal("Anything at all.", verdict.SafeAnswer);
    }

    [Fact]
    public async Task Unknown_check_name_is_rejected_with_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _guardian.ValidateAsync(Request(Grounded, "pii", "toxicity")));

        Assert.Contains("'toxicity'", error.Message, StringComparison.Ordinal);
        Assert.Contains("groundedness, pii", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_checks_are_what_the_default_guardian_runs()
    {
        Assert.Equal(AnswerGuardian.KnownChecks.Order(), _guardian.Available.Order());
    }

    [Fact]
    public async Task Custom_checks_plug_in_by_name()
    {
        var guardian = new AnswerGuardian([new FixedCheck("always-fails", false)]);
        var verdict = await guardian.ValidateAsync(Request("fine answer", "always-fails"));

        Assert.False(verdict.Passed);
        Assert.Equal(string.Empty, verdict.SafeAnswer);
    }

    private static GuardianRequest Request(string answer, params string[] checks) =>
        new("How does it work?", answer, GroundednessFixtures.Evidence, checks);

    private sealed class FixedCheck(string name, bool passed) : IGuardianCheck
    {
        public string Name => name;

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GuardianCheckResult(name, passed, passed ? 1 : 0, "fixed"));
    }
}
