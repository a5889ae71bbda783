using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// A check that hangs counts as failed once <c>guardian.check_timeout_seconds</c> is up, on the fake clock:
/// the answer is withheld, the log says so once, and a check that honours its token is told to stop.
/// </summary>
public sealed class CheckTimeoutTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task A_check_that_hangs_fails_when_its_time_is_up_and_not_before()
    {
        var hung = new HungCheck();
        var guardian = Limited(hung, TimeSpan.FromSeconds(5));

        var validating = guardian.ValidateAsync(new GuardianRequest("When?", "In March.", [], [hung.Name]));
        await hung.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(validating.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var verdict = await validating.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(verdict.Passed);
        Assert.Equal(Orchestrator.Guardian.AnswerGuardian.WithheldAnswer, verdict.SafeAnswer);
        var check = Assert.Single(verdict.Checks);
        Assert.False(check.Passed);
        Assert.Contains("in time", check.Detail, StringComparison.Ordinal);
        Assert.Single(_logs.Lines, l => l.Contains(hung.Name, StringComparison.Ordinal) && l.Contains("within 5 s", StringComparison.Ordinal));
        Assert.True(hung.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task The_request_token_still_cancels_a_check_before_its_time_is_up()
    {
        var hung = new HungCheck();
        var guardian = Limited(hung, TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();

        var validating = guardian.ValidateAsync(new GuardianRequest("When?", "In March.", [], [hung.Name]), cts.Token);
        await hung.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validating.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Empty(_logs.Lines);
    }

    [Theory]
    [InlineData("", GuardianConfig.DefaultCheckTimeoutSeconds)]
    [InlineData("guardian: { check_timeout_seconds: 2.5 }", 2.5)]
    public void The_limit_is_read_from_the_configuration_with_a_default(string yaml, double expected)
    {
        using var dir = new TempDirectory();
        dir.Write("agents/a.yaml", "name: a\nkind: generation\ndescription: Writes things.\nexamples: [ \"write a note\", \"draft a memo\", \"compose an email\" ]\n");
        var file = dir.Write("orchestrator.yaml", "models:\n  embedder: { provider: embedded-minilm }\nagents: agents/\n" + yaml + "\n");

        var loaded = ConfigLoader.Load(file);

        Assert.True(loaded.Errors.Count == 0, string.Join("; ", loaded.Errors));
        Assert.Equal(expected, loaded.Config!.Guardian.CheckTimeoutSeconds);
    }

    [Fact]
    public void A_limit_of_zero_is_a_configuration_error()
    {
        using var dir = new TempDirectory();
        dir.Write("agents/a.yaml", "name: a\nkind: generation\ndescription: Writes things.\nexamples: [ \"write a note\", \"draft a memo\", \"compose an email\" ]\n");
        var file = dir.Write("orchestrator.yaml", "models:\n  embedder: { provider: embedded-minilm }\nagents: agents/\nguardian: { check_timeout_seconds: 0 }\n");

        var loaded = ConfigLoader.Load(file);

        Assert.Contains(loaded.Errors, e => e.ToString().Contains("check_timeout_seconds", StringComparison.Ordinal));
    }

    private Orchestrator.Guardian.AnswerGuardian Limited(IGuardianCheck check, TimeSpan limit) =>
        new Orchestrator.Guardian.AnswerGuardian([check]).WithLogger(_logs.CreateLogger("guardian")).WithCheckTimeout(limit, _time);

    /// <summary>Never answers, whatever its token says; remembers the token it was given.</summary>
    private sealed class HungCheck : IGuardianCheck
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public string Name => "slow-backend";

        public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
        {
            Token = cancellationToken;
            Started.TrySetResult();
            return new TaskCompletionSource<GuardianCheckResult>().Task;
        }
    }
}
