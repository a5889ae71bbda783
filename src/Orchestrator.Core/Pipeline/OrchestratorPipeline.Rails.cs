using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Rails;

namespace Orchestrator.Pipeline;

/// <summary>What the rails recorded for one request, carried to the response.</summary>
internal sealed record RailRecord(IReadOnlyList<GuardianCheckResult> Checks, IReadOnlyList<QuarantinedPassageInfo> Quarantined)
{
    public static RailRecord None { get; } = new([], []);

    public RailRecord Add(IEnumerable<GuardianCheckResult> checks, IEnumerable<QuarantinedPassageInfo>? quarantined = null) =>
        new([.. Checks, .. checks], [.. Quarantined, .. quarantined ?? []]);
}

public sealed partial class OrchestratorPipeline
{
    /// <summary>The message shown when the input rail blocks a question; it never says how to get around the check.</summary>
    internal const string BlockedQuestionMessage = "I can't help with this request: the guardian's input checks blocked it ({0}).";

    internal const string WithheldCloudMessage = "The answer was withheld: the guardian's output checks rejected it ({0}).";

    /// <summary>
    /// The global input rail, before routing. A turn after the first is judged in its conversation
    /// (<see cref="ConversationInput"/>): a follow-up by its completed question, any later turn also by
    /// the recent user turns joined, so neither a bare fragment nor a request split across turns is
    /// judged out of context. Ask and stream both come through here.
    /// </summary>
    private async Task<InputRailOutcome?> RunInputRailAsync(string text, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        if (_rails is null || _rails.Config.Input.Count == 0)
        {
            return null;
        }

        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.rails.input");
        var context = ConversationInput.For(text, history);
        span?.SetTag("orchestrator.rails.in_context", !context.IsEmpty);
        var outcome = await _rails.CheckInputAsync(text, context, cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.rails.action", outcome.Action);
        return outcome;
    }

    /// <summary>The rails for a request <paramref name="agent"/> handles (global plus the agent's); the global ones when no agent does.</summary>
    private GuardianRails? RailsFor(AgentDefinition? agent) => _rails?.ForAgent(agent);

    /// <summary>
    /// The routed agent's own input rail, after routing and before its specialist (and before the
    /// answer cache is asked): only the checks its rails add or tighten, on the question as asked.
    /// </summary>
    private async Task<InputRailOutcome?> RunRoutedInputRailAsync(string asked, IReadOnlyList<ConversationTurn> history, AgentDefinition agent, CancellationToken cancellationToken)
    {
        if (RailsFor(agent) is not { AfterRoutingInput.Count: > 0 } rails)
        {
            return null;
        }

        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.rails.input");
        span?.SetTag("orchestrator.agent", agent.Name);
        var outcome = await rails.CheckRoutedInputAsync(asked, ConversationInput.For(asked, history), cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.rails.action", outcome.Action);
        return outcome;
    }

    /// <summary>A question the input rail blocked: no agent runs, nothing leaves the machine.</summary>
    private OrchestratorResponse Blocked(InputRailOutcome input, long started) =>
        Blocked(input, started, new RouteDecision { Route = null, Confidence = 0, Candidates = [], OutOfScope = false }, null, RailRecord.None);

    /// <summary>A question an input rail blocked, before routing (no route) or after it (the agent whose rail blocked it); no specialist runs.</summary>
    private OrchestratorResponse Blocked(InputRailOutcome input, long started, RouteDecision decision, AgentDefinition? agent, RailRecord earlier)
    {
        var fired = string.Join(", ", input.Checks.Where(c => c.Action == RailActions.Block).Select(c => c.Name));
        PipelineLog.GuardianRejected(_logger, agent is null ? "(input rail)" : $"{agent.Name} (input rail)", fired);
        var elapsed = Elapsed(started);
        var local = new LocalStage(decision, agent, null, null, null, null, [], 0, 0, new TimingsInfo { Total = elapsed, Guardian = elapsed })
        {
            Rails = earlier.Add(input.Checks),
        };
        return ResponseBuilder.Build(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, BlockedQuestionMessage, fired),
            local,
            showLocalCitations: false,
            cloudAnswerShown: false,
            new EscalationInfo { Needed = false, Performed = false },
            new CostInfo(),
            local.Timings,
            [],
            []);
    }

    /// <summary>
    /// The retrieval rail for a retrieval agent's searches (<see cref="SpecialistRequest.ScreenPassages"/>):
    /// its passages are checked as they are found, before any model reads them. Null when the agent
    /// is no retrieval agent or no retrieval rail applies to it.
    /// </summary>
    private RetrievalScreen? ScreenFor(AgentDefinition agent) =>
        agent.Kind == AgentKind.Retrieval && RailsFor(agent) is { Config.Retrieval.Count: > 0 } agentRails ? new RetrievalScreen(agentRails) : null;

    /// <summary>
    /// The retrieval rail over the specialist's passages that were not screened at search time (a
    /// tool's or a custom specialist's): those carrying instructions leave the evidence (so neither
    /// the guardian, the repair prompt nor the cloud model sees them), and an answer that quotes or
    /// cites one is withheld.
    /// </summary>
    private async Task<(SpecialistResult Result, RailRecord Rails, bool CitedQuarantined)> RunRetrievalRailAsync(AgentDefinition agent, SpecialistResult result, RailRecord rails, RetrievalScreen? screen, CancellationToken cancellationToken)
    {
        var unscreened = screen is null ? result.Evidence : [.. result.Evidence.Where(p => !screen.WasScreened(p))];
        if (RailsFor(agent) is not { Config.Retrieval.Count: > 0 } agentRails || unscreened.Count == 0)
        {
            return (result, rails, false);
        }

        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.rails.retrieval");
        var outcome = await agentRails.CheckPassagesAsync(unscreened, cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.rails.quarantined", outcome.Quarantined.Count);
        if (outcome.Quarantined.Count == 0)
        {
            return (result, rails.Add(outcome.Checks), false);
        }

        var removed = outcome.Quarantined.Select(q => (q.Source, q.Locator)).ToHashSet();
        var cited = result.Citations.Any(c => removed.Contains((c.Source, c.Locator)));
        var kept = result with
        {
            Evidence = [.. result.Evidence.Where(p => !removed.Contains((p.Source, p.Locator)))],
            Citations = [.. result.Citations.Where(c => !removed.Contains((c.Source, c.Locator)))],
        };
        return (kept, rails.Add(outcome.Checks, outcome.Quarantined), cited);
    }

    /// <summary>The output rail on a local answer the agent's own guardian list let through.</summary>
    private async Task<(GuardianVerdict Verdict, RailRecord Rails)> RunOutputRailAsync(string text, AgentDefinition agent, SpecialistResult result, GuardianVerdict verdict, RailRecord rails, CancellationToken cancellationToken)
    {
        if (RailsFor(agent) is not { Config.Output.Count: > 0 } agentRails || !verdict.Passed)
        {
            return (verdict, rails);
        }

        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.rails.output");
        var outcome = await agentRails.CheckOutputAsync(text, verdict.SafeAnswer, result.Evidence, agent.Guardian, cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.rails.action", outcome.Action);
        var updated = outcome.Withheld
            ? verdict with { Passed = false, SafeAnswer = AnswerGuardian.WithheldAnswer }
            : verdict with { SafeAnswer = outcome.Answer };
        return (updated, rails.Add(outcome.Checks));
    }
}
