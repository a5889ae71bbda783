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
/// leak, and the pipeline replaces the empty answer with its escalation message. Rewrites are not
/// chained: every check sees the original answer and the last rewrite wins (only PII rewrites today).
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
    public AnswerGuardian With(IEnumerable<IGuardianCheck> extra) => new(_checks.Values.Concat(extra)) { Logger = Logger };

    /// <summary>The same checks, reporting a check that threw or returned null to <paramref name="logger"/>.</summary>
    internal AnswerGuardian WithLogger(ILogger logger) => new(_checks.Values) { Logger = logger };

    /// <summary>Where a check that threw or returned null is reported (set by the runtime).</summary>
    internal ILogger Logger { get; init; } = NullLogger.Instance;

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
        var rewritten = results.LastOrDefault(r => r.RewrittenAnswer is not null)?.RewrittenAnswer ?? request.Answer;
        return new GuardianVerdict { Passed = passed, Checks = results, SafeAnswer = passed ? rewritten : WithheldAnswer };
    }

    private async Task<GuardianCheckResult> RunAsync(IGuardianCheck check, GuardianCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            // WaitAsync: a cancelled request returns at once even when a host's own check ignores its token.
            var result = await check.CheckAsync(context, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            PipelineLog.GuardianCheckReturnedNull(Logger, check.Name, check.GetType().Name);
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
