using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Guardian.Rails;

namespace Orchestrator.Pipeline;

/// <summary>The answer a cloud answer (or one streamed piece of it) may be shown as, the checks that ran on it, and the checks that withheld it (null when shown).</summary>
internal sealed record CloudAnswerCheck(string Answer, IReadOnlyList<GuardianCheckResult> Checks, string? WithheldBy)
{
    public bool Withheld => WithheldBy is not null;
}

public sealed partial class OrchestratorPipeline
{
    internal const string CloudDetailPrefix = "cloud answer: ";

    /// <summary>
    /// Checks of an agent's <c>guardian:</c> list that do not run on a cloud answer: groundedness and
    /// relevance judge an answer by the local passages and as a whole (a cloud answer may know more than
    /// the passages, and a stream is checked one sentence at a time), and <c>pii</c> is the cloud
    /// boundary's own check there, which leaves the user's own values alone. An output rail still runs
    /// any of them on cloud answers when it names them.
    /// </summary>
    private static readonly string[] LocalOnlyChecks =
        [GroundednessCheck.CheckName, ModelRiskCheck.GroundednessName, RelevanceCheck.CheckName, ModelRiskCheck.RelevanceName, PiiCheck.CheckName];

    /// <summary>The checks of the escalating agent's <c>guardian:</c> list that run on its cloud answers.</summary>
    private static List<string> CloudChecksOf(AgentDefinition? agent) =>
        agent is null ? [] : [.. agent.Guardian.Where(n => !LocalOnlyChecks.Contains(n, StringComparer.OrdinalIgnoreCase))];

    /// <summary>
    /// A cloud answer, whole or one streamed piece, passes what a local answer of the same agent passes:
    /// first the agent's own <c>guardian:</c> checks (<see cref="CloudChecksOf"/>; a failed one withholds
    /// the answer, as <c>block</c> does, and a rewrite is applied), then the output rail (global and the
    /// agent's, each check with its action; <c>escalate</c> withholds like <c>block</c>, since the cloud
    /// is the last step). Details start with <see cref="CloudDetailPrefix"/>.
    /// </summary>
    private async Task<CloudAnswerCheck> CheckCloudAnswerAsync(string text, LocalStage local, string answer, CancellationToken cancellationToken)
    {
        var agent = EscalationAgent(local);
        var evidence = local.Result?.Evidence ?? [];
        var names = CloudChecksOf(agent);
        var checks = new List<GuardianCheckResult>();
        var shown = answer;
        if (names.Count > 0)
        {
            var verdict = await _guardian.ValidateAsync(new GuardianRequest(text, answer, evidence, names), cancellationToken).ConfigureAwait(false);
            checks.AddRange(verdict.Checks.Select(Cloud));
            if (!verdict.Passed)
            {
                return new CloudAnswerCheck(AnswerGuardian.WithheldAnswer, checks, string.Join(", ", verdict.Checks.Where(c => !c.Passed).Select(c => c.Name)));
            }

            shown = verdict.SafeAnswer;
        }

        if (RailsFor(agent) is { Config.Output.Count: > 0 } rails)
        {
            var outcome = await rails.CheckOutputAsync(text, shown, evidence, names, cancellationToken).ConfigureAwait(false);
            checks.AddRange(outcome.Checks.Select(Cloud));
            if (outcome.Withheld)
            {
                return new CloudAnswerCheck(AnswerGuardian.WithheldAnswer, checks, string.Join(", ", outcome.Checks.Where(c => c.Action is RailActions.Block or RailActions.Escalate).Select(c => c.Name)));
            }

            shown = outcome.Answer;
        }

        return new CloudAnswerCheck(shown, checks, null);

        static GuardianCheckResult Cloud(GuardianCheckResult c) => c with { Detail = CloudDetailPrefix + c.Detail };
    }

    /// <summary>The whole cloud answer through <see cref="CheckCloudAnswerAsync"/>; a rejected one is replaced by a notice.</summary>
    private async Task<(CloudOutcome? Cloud, IReadOnlyList<GuardianCheckResult> Checks)> CheckCloudOutcomeAsync(string text, LocalStage local, CloudOutcome? cloud, CancellationToken cancellationToken)
    {
        if (cloud is not { Performed: true, Answer: { } answer })
        {
            return (cloud, []);
        }

        var check = await CheckCloudAnswerAsync(text, local, answer, cancellationToken).ConfigureAwait(false);
        if (check.Withheld)
        {
            PipelineLogCloudRejected(local, check.WithheldBy!);
            return (cloud with { Answer = WithheldCloudNotice(check.WithheldBy!) }, check.Checks);
        }

        return (cloud with { Answer = check.Answer }, check.Checks);
    }

    private static string WithheldCloudNotice(string fired) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, WithheldCloudMessage, fired);

    private void PipelineLogCloudRejected(LocalStage local, string fired)
    {
        var answeredFor = (EscalationAgent(local)?.Name ?? "(no agent)") + " (cloud answer)";
        PipelineLog.GuardianRejected(_logger, answeredFor, fired);
    }

    /// <summary>
    /// The record of a streamed cloud answer's checks, one entry per check: each piece is checked on its
    /// own, so a check is listed by the piece where it fired (failed, rewrote or took an action), else by
    /// its first run.
    /// </summary>
    private static void MergeStreamedChecks(List<GuardianCheckResult> record, IEnumerable<GuardianCheckResult> piece)
    {
        foreach (var check in piece)
        {
            var at = record.FindIndex(c => string.Equals(c.Name, check.Name, StringComparison.OrdinalIgnoreCase) && c.Stage == check.Stage);
            if (at < 0)
            {
                record.Add(check);
            }
            else if (Fired(check) && !Fired(record[at]))
            {
                record[at] = check;
            }
        }

        static bool Fired(GuardianCheckResult c) => !c.Passed || c.Action is not null || c.RewrittenAnswer is not null;
    }
}
