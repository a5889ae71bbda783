using System.Collections.Concurrent;
using Orchestrator.Configuration;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Pii;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// Runs the configured rails (<see cref="RailsConfig"/>) at three points: the question before any
/// agent answers, each retrieved passage before a model sees it, and every answer — local or cloud,
/// whole or one streamed sentence at a time — before it is shown. A check that fails applies its
/// rail's action; every result is recorded with its stage and action. On the retrieval rail the
/// injection check also quarantines a passage that speaks to the assistant about its answer or sets
/// it a task of its own (<see cref="PassageCues"/>), in any kind of document. The strongest action wins:
/// block over escalate over redact over flag.
/// </summary>
public sealed class GuardianRails
{
    public const string InputStage = "input";
    public const string RetrievalStage = "retrieval";
    public const string OutputStage = "output";

    /// <summary>
    /// The score (1 − probability) a passage gets when it speaks to the assistant about its answer or
    /// sets it a task (<see cref="PassageCues"/>) but the classifier let it pass: the document rule's floor, 0.99.
    /// </summary>
    private const double AddressedPassageScore = 0.01;

    private readonly RailsConfig _config;
    private readonly IReadOnlyDictionary<string, GuardianClassifier> _classifiers;
    private readonly IGuardian _guardian;
    private readonly PiiRedactor _pii;
    private readonly IReadOnlyDictionary<string, string> _afterRouting;
    private readonly ConcurrentDictionary<AgentDefinition, GuardianRails> _perAgent = new(ReferenceEqualityComparer.Instance);

    public GuardianRails(RailsConfig config, IEnumerable<GuardianClassifier> classifiers, IGuardian guardian, PiiRedactor? pii = null)
        : this(config, ToDictionary(classifiers), guardian, pii, new Dictionary<string, string>())
    {
    }

    private GuardianRails(RailsConfig config, IReadOnlyDictionary<string, GuardianClassifier> classifiers, IGuardian guardian, PiiRedactor? pii, IReadOnlyDictionary<string, string> afterRouting)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _classifiers = classifiers;
        _guardian = guardian ?? throw new ArgumentNullException(nameof(guardian));
        _pii = pii ?? new PiiRedactor();
        _afterRouting = afterRouting;
        foreach (var name in config.Input.Keys.Concat(config.Retrieval.Keys).Where(n => n != PiiCheck.CheckName && !_classifiers.ContainsKey(n)))
        {
            throw new ArgumentException($"The rails use the '{name}' classifier, but no model for it was loaded.", nameof(classifiers));
        }

        if (config.Retrieval.ContainsKey(ShippedClassifiers.Injection))
        {
            PassageTaskCue.Prepare();
        }
    }

    /// <summary>The rails these checks apply: the global ones, or for <see cref="ForAgent"/> the global ones combined with the agent's.</summary>
    public RailsConfig Config => _config;

    /// <summary>The input checks that run once the question is routed to this view's agent (<see cref="CheckRoutedInputAsync"/>): those its rails add or tighten.</summary>
    public IReadOnlyDictionary<string, string> AfterRoutingInput => _afterRouting;

    /// <summary>
    /// The rails for requests that <paramref name="agent"/> handles: the global rails combined with the
    /// agent's own (<see cref="RailsConfig.MergedWith"/>). Without agent rails this instance itself.
    /// </summary>
    public GuardianRails ForAgent(AgentDefinition? agent) =>
        agent is null || agent.Rails.IsEmpty
            ? this
            : _perAgent.GetOrAdd(agent, a => new GuardianRails(_config.MergedWith(a.Rails), _classifiers, _guardian, _pii, _config.InputTightenedBy(a.Rails)));

    /// <summary>
    /// The agent's input rail, after routing and before its specialist: only the checks in
    /// <see cref="AfterRoutingInput"/> (the global input rail already ran the others before routing).
    /// Give it the question as the caller wrote it, so a check the global rail redacted can still block.
    /// </summary>
    public Task<InputRailOutcome> CheckRoutedInputAsync(string question, CancellationToken cancellationToken = default) =>
        CheckInputAsync(question, null, _afterRouting, cancellationToken);

    /// <summary><see cref="CheckRoutedInputAsync(string, CancellationToken)"/> for a turn of a conversation, judged in <paramref name="context"/> as <see cref="CheckInputAsync(string, InputContext?, CancellationToken)"/> judges it.</summary>
    public Task<InputRailOutcome> CheckRoutedInputAsync(string question, InputContext? context, CancellationToken cancellationToken = default) =>
        CheckInputAsync(question, context, _afterRouting, cancellationToken);

    private static Dictionary<string, GuardianClassifier> ToDictionary(IEnumerable<GuardianClassifier> classifiers)
    {
        ArgumentNullException.ThrowIfNull(classifiers);
        return classifiers.ToDictionary(c => c.Task, StringComparer.Ordinal);
    }

    public Task<InputRailOutcome> CheckInputAsync(string question, CancellationToken cancellationToken = default) =>
        CheckInputAsync(question, null, _config.Input, cancellationToken);

    /// <summary>
    /// The input rail on a turn of a conversation: the classifier checks judge what the model will act
    /// on (<see cref="InputContext"/>: a follow-up's completed question instead of the bare fragment,
    /// and the recent user turns joined), and the worst verdict counts. The PII check looks at the turn
    /// itself: earlier turns were judged when they were sent, and the cloud boundary redacts every turn.
    /// </summary>
    public Task<InputRailOutcome> CheckInputAsync(string question, InputContext? context, CancellationToken cancellationToken = default) =>
        CheckInputAsync(question, context, _config.Input, cancellationToken);

    private async Task<InputRailOutcome> CheckInputAsync(string question, InputContext? context, IReadOnlyDictionary<string, string> rail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var checks = new List<GuardianCheckResult>();
        var current = question;
        foreach (var (name, action) in rail)
        {
            GuardianCheckResult result;
            if (name == PiiCheck.CheckName)
            {
                var redaction = _pii.Redact(question);
                result = new GuardianCheckResult(name, !redaction.HasPii, redaction.HasPii ? 0 : 1,
                    redaction.HasPii ? "question holds " + string.Join(", ", redaction.CountsByType().Select(kv => $"{kv.Value} {kv.Key.ToSnakeName()}")) : "no PII in the question");
                if (redaction.HasPii && action == RailActions.Redact)
                {
                    current = redaction.Text;
                }
            }
            else
            {
                result = await ContextualClassification.JudgeAsync(_classifiers[name], question, context, cancellationToken).ConfigureAwait(false);
            }

            checks.Add(result with { Stage = InputStage, Action = result.Passed ? null : action });
        }

        return new InputRailOutcome(current, checks, Strongest(checks));
    }

    public async Task<RetrievalRailOutcome> CheckPassagesAsync(IReadOnlyList<Passage> passages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (_config.Retrieval.Count == 0 || passages.Count == 0)
        {
            return new RetrievalRailOutcome(passages, [], []);
        }

        var kept = new List<Passage>();
        var quarantined = new List<QuarantinedPassageInfo>();
        var checks = new List<GuardianCheckResult>();
        foreach (var passage in passages)
        {
            string? removedBy = null;
            double score = 1;
            foreach (var (name, action) in _config.Retrieval)
            {
                var verdict = await _classifiers[name].ClassifyAsync(passage.Text, cancellationToken).ConfigureAwait(false);
                var result = ClassifierCheck.ToResult(verdict);
                if (!verdict.Flagged)
                {
                    if (name != ShippedClassifiers.Injection || PassageCues.Describe(passage.Text) is not { } cue)
                    {
                        continue;
                    }

                    result = result with { Passed = false, Score = AddressedPassageScore, Detail = $"{cue}; {result.Detail}" };
                }
                else if (name == ShippedClassifiers.Injection && PassageCues.Describe(passage.Text) is { } found)
                {
                    // A document-like passage with the same words is flagged by the classifier's document rule itself; still say which words.
                    result = result with { Detail = $"{found}; {result.Detail}" };
                }

                checks.Add(result with { Stage = RetrievalStage, Action = action, Detail = $"{passage.Source} ({passage.Locator}): {result.Detail}" });
                score = Math.Min(score, result.Score);
                if (action != RailActions.Flag)
                {
                    removedBy ??= action;
                }
            }

            if (removedBy is null)
            {
                kept.Add(passage);
            }
            else
            {
                quarantined.Add(new QuarantinedPassageInfo(passage.ChunkId, passage.Source, passage.Locator, Math.Round(score, 4), removedBy));
            }
        }

        if (checks.Count == 0)
        {
            checks.Add(new GuardianCheckResult(string.Join(",", _config.Retrieval.Keys), true, 1, $"{passages.Count} passages inspected, none carries instructions") { Stage = RetrievalStage });
        }

        return new RetrievalRailOutcome(kept, quarantined, checks);
    }

    /// <summary>Runs the output rail's checks on <paramref name="answer"/>; names the agent's own guardian list already ran are skipped.</summary>
    public async Task<OutputRailOutcome> CheckOutputAsync(string question, string answer, IReadOnlyList<Passage> evidence, IReadOnlyCollection<string>? alreadyRun = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var names = _config.Output.Keys.Where(n => alreadyRun is null || !alreadyRun.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (names.Count == 0)
        {
            return new OutputRailOutcome(answer, [], null);
        }

        var checks = new List<GuardianCheckResult>();
        var shown = answer;
        foreach (var name in names)
        {
            var action = _config.Output[name];
            var verdict = await _guardian.ValidateAsync(new GuardianRequest(question, answer, evidence, [name]), cancellationToken).ConfigureAwait(false);
            foreach (var result in verdict.Checks)
            {
                // A check that rewrites (PII) and passes has still found something: redact applies it, flag only records it.
                var fired = !result.Passed || result.RewrittenAnswer is not null;
                var taken = fired ? action : null;
                if (fired && action == RailActions.Redact && result.RewrittenAnswer is not null)
                {
                    // Rewrites chain: a second redacting check rewrites what the first left, so neither's is lost.
                    var chained = ReferenceEquals(shown, answer) ? result.RewrittenAnswer : await RewriteAgainAsync(question, shown, evidence, name, cancellationToken).ConfigureAwait(false);
                    if (chained is null)
                    {
                        taken = RailActions.Block;
                    }
                    else
                    {
                        shown = chained;
                    }
                }
                else if (fired && action == RailActions.Redact)
                {
                    // Nothing to redact with: a failed check that offers no rewrite withholds the answer.
                    taken = RailActions.Block;
                }

                checks.Add(result with { Stage = OutputStage, Action = taken });
            }
        }

        var strongest = Strongest(checks);
        return new OutputRailOutcome(strongest is RailActions.Block or RailActions.Escalate ? AnswerGuardian.WithheldAnswer : shown, checks, strongest);
    }

    /// <summary>The check's rewrite of an already rewritten text; the text itself when it finds nothing more; null when it fails without a rewrite.</summary>
    private async Task<string?> RewriteAgainAsync(string question, string text, IReadOnlyList<Passage> evidence, string name, CancellationToken cancellationToken)
    {
        var again = await _guardian.ValidateAsync(new GuardianRequest(question, text, evidence, [name]), cancellationToken).ConfigureAwait(false);
        return again.Checks.FirstOrDefault(c => c.RewrittenAnswer is not null)?.RewrittenAnswer ?? (again.Passed ? text : null);
    }

    private static string? Strongest(IEnumerable<GuardianCheckResult> checks)
    {
        var actions = checks.Select(c => c.Action).Where(a => a is not null).ToList();
        return actions.Contains(RailActions.Block) ? RailActions.Block
            : actions.Contains(RailActions.Escalate) ? RailActions.Escalate
            : actions.Contains(RailActions.Redact) ? RailActions.Redact
            : actions.Contains(RailActions.Flag) ? RailActions.Flag
            : null;
    }
}
