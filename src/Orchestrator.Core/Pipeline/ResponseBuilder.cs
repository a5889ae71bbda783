using Orchestrator.Agents;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Routing;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

/// <summary>Maps the stages' results onto the contract's response shape.</summary>
internal static class ResponseBuilder
{
    public static OrchestratorResponse Build(
        string answer,
        RouteDecision decision,
        AgentDefinition? agent,
        SpecialistResult? result,
        GuardianVerdict? verdict,
        EscalationDecision escalation,
        bool degraded,
        CostInfo cost,
        TimingsInfo timings)
    {
        // Citations are only shown with an answer the guardian let through.
        var showLocal = verdict is { Passed: true };
        return new OrchestratorResponse
        {
            Answer = answer,
            Route = new RouteInfo
            {
                Agent = decision.Route,
                Kind = agent?.Kind.ToString().ToLowerInvariant(),
                Confidence = Math.Round(decision.Confidence, 4),
                OutOfScope = decision.OutOfScope,
                Candidates = decision.Candidates.Select(c => new CandidateInfo(c.Route, Math.Round(c.Score, 4))).ToList(),
            },
            Citations = showLocal ? result!.Citations : [],
            ToolCalls = result?.ToolCalls ?? [],
            Guardian = new GuardianInfo
            {
                Passed = verdict?.Passed ?? false,
                Checks = verdict?.Checks.Select(c => new GuardianCheckInfo(c.Name, c.Passed, Math.Round(c.Score, 4), c.Detail)).ToList() ?? [],
            },
            Escalation = new EscalationInfo
            {
                Needed = escalation.Needed,
                Performed = false,
                Reason = escalation.Reason?.ToWire(),
                Target = escalation.Target,
                Degraded = degraded,
            },
            Cost = cost,
            TimingsMs = new TimingsInfo
            {
                Total = Math.Round(timings.Total, 3),
                Route = Math.Round(timings.Route, 3),
                Specialist = Math.Round(timings.Specialist, 3),
                Guardian = Math.Round(timings.Guardian, 3),
                Escalation = Math.Round(timings.Escalation, 3),
            },
        };
    }
}
