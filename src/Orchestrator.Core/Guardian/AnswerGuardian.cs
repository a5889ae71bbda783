using Orchestrator.Guardian.Pii;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Diagnostics;
using Orchestrator.Guardian.Groundedness;

namespace Orchestrator.Guardian;

/// <summary>
/// Runs the checks a request names, in the order named, each on the original answer.
/// <see cref="GuardianVerdict.Passed"/> is true only when every check passed (and when none was named).
/// <see cref="GuardianVerdict.SafeAnswer"/> is the answer with any rewrites applied (PII redaction) when
/// all passed, and <see cref="WithheldAnswer"/> (empty) when any failed: a failed answer must never
/// leak, and the pipeline replaces the empty answer with its escalation message. Every check judges the
/// original answer; the rewrites are then chained in order (<see cref="ChainRewritesAsync"/>), so none is lost.
/// A check that throws or returns null (a host's own check with a bug or a dead backend) fails closed:
/// it counts as failed, the answer is withheld, and the log, not the caller, gets the exception.
/// </summary>
public sealed class AnswerGuardian : IGuardian
{
    /// <summary>What <see cref="GuardianVerdict.SafeAnswer"/> holds when a check failed.</summary>
    public const string WithheldAnswer = "";

    /// <summary>Check names the built-in guardian understands; configuration validation rejects any other.</summary>
    public static IReadOnlyList<string> KnownChecks { get; } = [GroundednessCheck.CheckName, PiiCheck.CheckName, RelevanceCheck.CheckName];

    /// <summary>The default checks plus <paramref name="extra"/> (e.g. the model-backed checks).</summary>
    public AnswerGuardian With(IEnumerable<IGuardianCheck> extra) => new(_checks.Values.Concat(extra)) { Logger = Logger, CheckTimeout = CheckTimeout, Time = Time };

    /// <summary>The same checks, reporting a check that threw or returned null to <paramref name="logger"/>.</summary>
    internal AnswerGuardian WithLogger(ILogger logger) => new(_checks.Values) { Logger = logger, CheckTimeout = CheckTimeout, Time = Time };

    /// <summary>The same checks, each given at most <paramref name="checkTimeout"/> on <paramref name="time"/>'s clock.</summary>
    internal AnswerGuardian WithCheckTimeout(TimeSpan checkTimeout, TimeProvider time) => new(_checks.Values) { Logger = Logger, CheckTimeout = checkTimeout, Time = time };

    /// <summary>Where a check that threw, returned null or ran out of time is reported (set by the runtime).</summary>
    internal ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>How long one check may take (<c>guardian.check_timeout_seconds</c>); over it, it counts as failed.</summary>
    internal TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(Configuration.GuardianConfig.DefaultCheckTimeoutSeconds);

    /// <summary>The clock <see cref="CheckTimeout"/> is measured on.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What a check that ran out of time reports.</summary>
    internal const string CheckTimedOutDetail = "the check gave no result in time (guardian.check_timeout_seconds), so the answer is withheld";

    /// <summary>What a check that could not run reports: no exception text, which may name internals, reaches the caller.</summary>
    internal const string CheckErrorDetail = "the check could not run (it threw or returned no result), so the answer is withheld; the server log has the details";

    private readonly Dictionary<string, IGuardianCheck> _checks;

    public AnswerGuardian(IEnumerable<IGuardianCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = new Dictionary<string, IGuardianCheck>(StringComparer.OrdinalIgnoreCase);
        foreach (var check in checks)
        {
            if (!_checks.TryAdd(check.Name, check))
            {
                throw new ArgumentException($"Two guardian checks are named '{check.Name}'.", nameof(checks));
            }
        }
    }

    /// <summary>The built-in checks: groundedness and relevance over <paramref name="embedder"/> and PII in the given mode.</summary>
    public static AnswerGuardian CreateDefault(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        GroundednessOptions? groundedness = null,
        PiiCheckMode piiMode = PiiCheckMode.Redact,
        PiiAllowList? piiAllow = null) =>
        new([new GroundednessCheck(embedder, groundedness), new PiiCheck(piiMode, new PiiRedactor(new PiiDetector(piiAllow))), new RelevanceCheck(embedder)]);

    /// <summary>Names of the checks this instance can run.</summary>
    public IReadOnlyCollection<string> Available => _checks.Keys;

    public async Task<GuardianVerdict> ValidateAsync(GuardianRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var selected = request.Checks.Select(Resolve).ToList();
        var context = new GuardianCheckContext(request.Question, request.Answer, request.Evidence);
        var results = new List<GuardianCheckResult>(selected.Count);
        foreach (var check in selected)
        {
            results.Add(await RunAsync(check, context, cancellationToken).ConfigureAwait(false));
        }

        var passed = results.TrueForAll(r => r.Passed);
        var rewritten = passed ? await ChainRewritesAsync(selected, results, context, cancellationToken).ConfigureAwait(false) : null;
        passed &= rewritten is not null;
        return new GuardianVerdict { Passed = passed, Checks = results, SafeAnswer = rewritten ?? WithheldAnswer };
    }

    /// <summary>
    /// The answer with every rewrite applied: each check judged the original answer, so when more than one
    /// rewrote it (PII redaction and a host's own), the later ones run again on the text the earlier ones
    /// left, in order; keeping only the last rewrite would show what the earlier ones took out.
    /// A check that fails on the rewritten text without a rewrite of its own (it threw this time) replaces its
    /// result and withholds the answer (null).
    /// </summary>
    private async Task<string?> ChainRewritesAsync(List<IGuardianCheck> selected, List<GuardianCheckResult> results, GuardianCheckContext context, CancellationToken cancellationToken)
    {
        string? current = null;
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].RewrittenAnswer is not { } rewrite)
            {
                continue;
            }

            if (current is null)
            {
                current = rewrite;
                continue;
            }

            var again = await RunAsync(selected[i], context with { Answer = current }, cancellationToken).ConfigureAwait(false);
            if (again is { Passed: false, RewrittenAnswer: null })
            {
                results[i] = again;
                return null;
            }

            current = again.RewrittenAnswer ?? current;
        }

        return current ?? context.Answer;
    }

    private async Task<GuardianCheckResult> RunAsync(IGuardianCheck check, GuardianCheckContext context, CancellationToken cancellationToken)
    {
        // The check's own token is also cancelled when its time is up, so a check that honours it stops working.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync: a cancelled request, or a check over its time, returns at once even when a host's
            // own check ignores its token (the check is abandoned, not awaited).
            var result = await check.CheckAsync(context, limit.Token).WaitAsync(CheckTimeout, Time, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            PipelineLog.GuardianCheckReturnedNull(Logger, check.Name, check.GetType().Name);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            PipelineLog.GuardianCheckTimedOut(Logger, check.Name, CheckTimeout.TotalSeconds);
            return new GuardianCheckResult(check.Name, false, 0, CheckTimedOutDetail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PipelineLog.GuardianCheckThrew(Logger, check.Name, ex);
        }

        return new GuardianCheckResult(check.Name, false, 0, CheckErrorDetail);
    }

    private IGuardianCheck Resolve(string name) =>
        _checks.TryGetValue(name, out var check)
            ? check
            : throw new ArgumentException(
                $"Unknown guardian check '{name}'. Known checks: {string.Join(", ", _checks.Keys.Order(StringComparer.Ordinal))}.",
                nameof(name));
}
