using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Rails;
using Orchestrator.Routing;

namespace Orchestrator.Pipeline;

/// <summary>Maps the stages' results onto the contract's response shape.</summary>
internal static class ResponseBuilder
{
    public static OrchestratorResponse Build(
        string answer,
        LocalStage local,
        bool showLocalCitations,
        bool cloudAnswerShown,
        EscalationInfo escalation,
        CostInfo cost,
        TimingsInfo timings,
        IReadOnlyList<AttemptInfo> attempts,
        IReadOnlyList<GuardianCheckResult> cloudChecks)
    {
        // The record describes the answer shown: with a cloud answer, the checks on the cloud's text, not
        // the local answer's (which the attempts still summarise). In the order they ran: input and
        // retrieval rails, then the agent's own checks and the output rail (local), or the cloud boundary's,
        // the agent's own and the output rail's on the cloud answer.
        var verdict = cloudAnswerShown ? null : local.Verdict;
        var answerChecks = cloudAnswerShown
            ? cloudChecks
            : [.. verdict?.Checks ?? [], .. local.Rails.Checks.Where(c => c.Stage == GuardianRails.OutputStage), .. cloudChecks];
        var checks = local.Rails.Checks.Where(c => c.Stage is GuardianRails.InputStage or GuardianRails.RetrievalStage)
            .Concat(answerChecks)
            .ToList();
        return new OrchestratorResponse
        {
            Answer = answer,
            Route = Route(local.Decision, local.Agent),

            // Citations are only shown with a local answer the guardian let through.
            Citations = showLocalCitations ? local.Result!.Citations : [],
            ToolCalls = local.Result?.ToolCalls ?? [],
            Guardian = GuardianReport(verdict, checks, local.Rails),
            Escalation = escalation,
            Cost = cost,
            TimingsMs = new TimingsInfo
            {
                Total = Math.Round(timings.Total, 3),
                Route = Math.Round(timings.Route, 3),
                Specialist = Math.Round(timings.Specialist, 3),
                Guardian = Math.Round(timings.Guardian, 3),
                Escalation = Math.Round(timings.Escalation, 3),
            },
            Attempts = attempts,
            RetrievalQuery = local.Result?.RetrievalQuery ?? local.CorrectedQuestion,
        };
    }

    /// <summary>
    /// The verdict over every check that ran on this request: the local answer's and, for a cloud
    /// answer, the check on the cloud's text. A guardian that was never asked is "not_run", never "failed".
    /// </summary>
    private static GuardianInfo GuardianReport(GuardianVerdict? verdict, IReadOnlyList<GuardianCheckResult> checks, RailRecord rails)
    {
        // A rail check that only flags (or redacted and went on) is a finding, not a failure.
        var failed = verdict is { Passed: false } || checks.Any(c => !c.Passed && c.Action is null or RailActions.Block or RailActions.Escalate);
        var ran = verdict is not null || checks.Count > 0;
        var status = failed ? GuardianInfo.StatusFailed : ran ? GuardianInfo.StatusPassed : GuardianInfo.StatusNotRun;
        return new GuardianInfo
        {
            Passed = status == GuardianInfo.StatusPassed,
            Status = status,
            Checks = checks.Select(c => new GuardianCheckInfo(c.Name, c.Passed, Math.Round(c.Score, 4), c.Detail) { Stage = c.Stage, Action = c.Action }).ToList(),
            Quarantined = rails.Quarantined,
        };
    }

    public static RouteInfo Route(RouteDecision decision, AgentDefinition? agent) => new()
    {
        Agent = decision.Route,
        Kind = agent?.Kind.ToString().ToLowerInvariant(),
        Confidence = Math.Round(decision.Confidence, 4),
        OutOfScope = decision.OutOfScope,
        CorrectedText = decision.CorrectedText,
        Candidates = decision.Candidates.Select(c => new CandidateInfo(c.Route, Math.Round(c.Score, 4))).ToList(),
    };
}
