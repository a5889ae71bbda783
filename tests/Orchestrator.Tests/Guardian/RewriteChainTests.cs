using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Rails;
using Orchestrator.Tests.Hosting;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// Two checks that rewrite one answer (the built-in PII redaction and a host's own): the answer shown has both
/// rewrites, on the agent's list and on a redacting output rail; before, the last rewrite won and the first's
/// redaction was undone.
/// </summary>
public sealed class RewriteChainTests
{
    private const string Answer = "BLUEBIRD ships in March; write to ann.lee@northwind-corp.net.";

    [Theory]
    [InlineData("pii", "code-names")]
    [InlineData("code-names", "pii")]
    public async Task The_agents_list_applies_every_rewrite(string first, string second)
    {
        var guardian = new AnswerGuardian([new PiiCheck(), new CodeNameCheck { PassWithRewrite = true }]);

        var verdict = await guardian.ValidateAsync(new GuardianRequest("When?", Answer, [], [first, second]));

        Assert.True(verdict.Passed);
        Assert.Equal("[code name] ships in March; write to <EMAIL_1>.", verdict.SafeAnswer);
    }

    [Fact]
    public async Task A_check_that_fails_on_the_rewritten_text_withholds_the_answer()
    {
        var flaky = new FlakyRewrite();
        var guardian = new AnswerGuardian([new PiiCheck(), flaky]);

        var verdict = await guardian.ValidateAsync(new GuardianRequest("When?", Answer, [], ["pii", flaky.Name]));

        Assert.False(verdict.Passed);
        Assert.Equal(AnswerGuardian.WithheldAnswer, verdict.SafeAnswer);
        Assert.False(Assert.Single(verdict.Checks, c => c.Name == flaky.Name).Passed);
    }

    [Fact]
    public async Task A_redacting_output_rail_applies_every_rewrite()
    {
        var guardian = new AnswerGuardian([new PiiCheck(), new CodeNameCheck { PassWithRewrite = true }]);
        var rails = new GuardianRails(new RailsConfig { Output = new Dictionary<string, string> { ["pii"] = RailActions.Redact, [CodeNameCheck.CheckName] = RailActions.Redact } }, [], guardian);

        var outcome = await rails.CheckOutputAsync("When?", Answer, []);

        Assert.False(outcome.Withheld);
        Assert.Equal("[code name] ships in March; write to <EMAIL_1>.", outcome.Answer);
    }

    /// <summary>Rewrites the first time, throws the second (a dead backend on the retry).</summary>
    private sealed class FlakyRewrite : IGuardianCheck
    {
        private int _calls;

        public string Name => "flaky-rewrite";

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1
                ? Task.FromResult(new GuardianCheckResult(Name, true, 1, "rewrote") { RewrittenAnswer = context.Answer.Replace("March", "spring", StringComparison.Ordinal) })
                : throw new InvalidOperationException("backend down");
    }
}
