using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Rails;
using Orchestrator.Routing;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

/// <summary>What the local stages produced: route, specialist answer, verdict, the trigger (if any) and the attempts made.</summary>
internal sealed record LocalStage(
    RouteDecision Decision,
    AgentDefinition? Agent,
    EscalationReason? Trigger,
    string? TriggerDetail,
    SpecialistResult? Result,
    GuardianVerdict? Verdict,
    IReadOnlyList<AttemptInfo> Attempts,
    int PromptTokens,
    int CompletionTokens,
    TimingsInfo Timings)
{
    /// <summary>A verified answer to a near-identical earlier question (answer cache); no specialist ran.</summary>
    public OrchestratorResponse? CacheHit { get; init; }

    /// <summary>What the rails checked and removed on the way.</summary>
    public RailRecord Rails { get; init; } = RailRecord.None;

    /// <summary>The routed agent's input rail blocked the question: this refusal is the response; nothing else ran.</summary>
    public OrchestratorResponse? Refusal { get; init; }

    /// <summary>The question as the routed agent's input rail left it (PII redacted), when that rail changed it; it goes to the specialist and the cloud.</summary>
    public string? Question { get; init; }

    /// <summary>The spelling-corrected request the retrieval specialist searched with; null when it searched the text as written.</summary>
    public string? CorrectedQuestion { get; init; }
}

public sealed partial class OrchestratorPipeline
{
    /// <param name="asked">The question as the caller wrote it (validated), before the global input rail redacted anything.</param>
    /// <param name="text">The question to answer: <paramref name="asked"/> after the global input rail.</param>
    private async Task<LocalStage> RunLocalAsync(OrchestratorRequest request, string asked, string text, InputRailOutcome? input, CancellationToken cancellationToken)
    {
        var rails = RailRecord.None.Add(input?.Checks ?? []);
        var started = _time.GetTimestamp();
        var decision = await RouteAsync(text, request, cancellationToken).ConfigureAwait(false);
        var routeMs = Elapsed(started);
        var agent = decision.Route is null ? null : _config.FindAgent(decision.Route);
        var corrected = CorrectedQuestion(decision, agent);
        PipelineLog.Routed(_logger, decision.Route, decision.Confidence, decision.OutOfScope);

        // The routed agent's own input checks: an out-of-scope route is only the router's rejected guess, so its rails do not apply.
        var routedInput = agent is not null && !decision.OutOfScope ? await RunRoutedInputRailAsync(asked, request.History, agent, cancellationToken).ConfigureAwait(false) : null;
        if (routedInput is not null)
        {
            if (routedInput.Action == RailActions.Block)
            {
                return new LocalStage(decision, agent, null, null, null, null, [], 0, 0, new TimingsInfo { Route = routeMs, Total = Elapsed(started) })
                {
                    Refusal = Blocked(routedInput, started, decision, agent, rails),
                };
            }

            rails = rails.Add(routedInput.Checks);
            if (routedInput.Question != asked)
            {
                text = routedInput.Question;

                // The correction was made from the text before the agent's rail redacted it, so it
                // still holds what was redacted: privacy wins over spelling here.
                corrected = null;
            }
        }

        var escalatedBy = routedInput?.Action == RailActions.Escalate ? routedInput : input?.Action == RailActions.Escalate ? input : null;
        var trigger = escalatedBy is not null ? EscalationReason.GuardianFailed
            : request.EscalationRequested ? EscalationReason.Requested : decision.EscalationReason ?? EscalationPolicy.AgentTrigger(agent);
        string? triggerDetail = escalatedBy is not null
            ? "the input checks sent the question on: " + string.Join(", ", escalatedBy.Checks.Where(c => c.Action == RailActions.Escalate).Select(c => c.Name))
            : null;
        SpecialistResult? result = null;
        GuardianVerdict? verdict = null;
        var attempts = new List<AttemptInfo>();
        int promptTokens = 0, completionTokens = 0;
        double specialistMs = 0, guardianMs = 0;

        // Out of scope means no local agent fits, so no specialist runs. Otherwise the local answer
        // is kept as the degraded answer in case the cloud cannot give one.
        if (agent is not null && trigger is null && await FindSimilarAsync(request, text, decision, agent, corrected, started, routeMs, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return new LocalStage(decision, agent, null, null, null, null, [], 0, 0, cached.TimingsMs) { CacheHit = cached };
        }

        if (agent is not null && trigger is not EscalationReason.OutOfScope)
        {
            var specialistStart = _time.GetTimestamp();
            var screen = ScreenFor(agent);
            var specialistRequest = new SpecialistRequest(corrected ?? text, agent)
            {
                Caller = request.ResolvedCaller,
                History = request.History,
                RouteIsTentative = decision.LowConfidence || decision.OutOfScope || CloudAnswerReplaces(trigger, agent),
                ScreenPassages = screen is null ? null : screen.ScreenAsync,
            };
            result = await RunSpecialistAsync(specialistRequest, cancellationToken).ConfigureAwait(false);
            rails = screen?.DrainInto(rails) ?? rails;
            specialistMs = Elapsed(specialistStart);
            (promptTokens, completionTokens) = (result.PromptTokens, result.CompletionTokens);
            if (!result.Succeeded)
            {
                PipelineLog.SpecialistFailed(_logger, agent.Name, result.FailureReason ?? "no reason given");
                trigger ??= EscalationReason.SpecialistFailed;
                triggerDetail = result.FailureReason;
                attempts.Add(new AttemptInfo(AttemptStages.Local, agent.Model, false, result.FailureReason ?? "failed"));
            }
            else
            {
                var guardianStart = _time.GetTimestamp();
                (result, verdict, rails, var problems) = await CheckLocalAnswerAsync(corrected ?? text, agent, result, rails, screen, cancellationToken).ConfigureAwait(false);
                attempts.Add(new AttemptInfo(AttemptStages.Local, agent.Model, verdict.Passed, WithFallback(result, problems ?? "passed the guardian")));
                if (!verdict.Passed && trigger is null && CanRepair(agent))
                {
                    (result, verdict, rails) = await RepairAsync(specialistRequest, result, verdict, problems, rails, attempts, screen, cancellationToken).ConfigureAwait(false);
                    promptTokens += result.PromptTokens;
                    completionTokens += result.CompletionTokens;
                }

                guardianMs = Elapsed(guardianStart);
                if (!verdict.Passed)
                {
                    trigger ??= EscalationReason.GuardianFailed;
                    var failed = string.Join(", ", verdict.Checks.Where(c => !c.Passed).Select(c => c.Name));
                    PipelineLog.GuardianRejected(_logger, agent.Name, failed);
                }
            }
        }

        var timings = new TimingsInfo { Route = routeMs, Specialist = specialistMs, Guardian = guardianMs, Total = Elapsed(started) };
        return new LocalStage(decision, agent, trigger, triggerDetail, result, verdict, attempts, promptTokens, completionTokens, timings)
        {
            Rails = rails,
            Question = routedInput is not null && routedInput.Question != asked ? text : null,
            CorrectedQuestion = corrected,
        };
    }

    /// <summary>
    /// Whether the request already escalates (asked for, the agent's policy, an input rail) so that the
    /// cloud's answer, not this agent's, is what the user gets: a side effect must not run then, since
    /// its outcome would be reported only in the metadata (a ticket filed that the answer never mentions).
    /// Only when the cloud fails is the local answer given, and it then says the action was not done.
    /// </summary>
    private bool CloudAnswerReplaces(EscalationReason? trigger, AgentDefinition agent) =>
        trigger is not null && _cloud is not null && _escalation.Decide(trigger, agent).MayLeaveMachine;

    /// <summary>
    /// Retrieval searches with the spelling-corrected request when <c>router.typos.retrieval</c> is on:
    /// the embedding of "vacaton" is as far from the passages as from the routes. Tool and generation
    /// agents get the text as written (a tool argument or a model reads it better than a guess).
    /// </summary>
    private string? CorrectedQuestion(RouteDecision decision, AgentDefinition? agent) =>
        _config.Router.Typos.Retrieval && agent is { Kind: AgentKind.Retrieval } && decision.CorrectedText is { Length: > 0 } correctedText
            ? correctedText
            : null;

    /// <summary>Only generative specialists can act on a critique; extractive and tool answers would come out the same.</summary>
    private bool CanRepair(AgentDefinition agent) =>
        _config.Escalation.Repair && agent.Model is not null && agent.Kind is AgentKind.Generation or AgentKind.Retrieval;

    /// <summary>
    /// The checks every local answer passes, the first and a repaired one alike: the retrieval rail
    /// (quarantined passages leave the evidence; citing one withholds the answer), the agent's
    /// guardian list, then the output rail; an answer that passed has its citations' quotes put through
    /// the same rewrites (<see cref="RewriteCitationsAsync"/>). Problems lists what failed (null when it passed), for the
    /// attempt record and the repair prompt.
    /// </summary>
    private async Task<(SpecialistResult Result, GuardianVerdict Verdict, RailRecord Rails, string? Problems)> CheckLocalAnswerAsync(
        string text, AgentDefinition agent, SpecialistResult result, RailRecord rails, RetrievalScreen? screen, CancellationToken cancellationToken)
    {
        (result, rails, var citedQuarantined) = await RunRetrievalRailAsync(agent, result, rails, screen, cancellationToken).ConfigureAwait(false);
        var verdict = await ValidateAsync(text, agent, result, cancellationToken).ConfigureAwait(false);
        var problems = Critique(verdict);
        if (citedQuarantined)
        {
            verdict = verdict with { Passed = false, SafeAnswer = AnswerGuardian.WithheldAnswer };
            problems ??= "the answer cites a quarantined passage";
        }

        var railChecksBefore = rails.Checks.Count;
        (verdict, rails) = await RunOutputRailAsync(text, agent, result, verdict, rails, cancellationToken).ConfigureAwait(false);
        if (!verdict.Passed && problems is null)
        {
            var fired = rails.Checks.Skip(railChecksBefore).Where(c => !c.Passed).Select(c => $"{c.Name} (output rail): {c.Detail}");
            problems = string.Join("; ", fired) is { Length: > 0 } list ? list : "withheld by the output rail";
        }

        if (verdict.Passed)
        {
            result = await RewriteCitationsAsync(text, agent, result, cancellationToken).ConfigureAwait(false);
        }

        return (result, verdict, rails, problems);
    }

    /// <summary>
    /// One local retry with the guardian's critique in the prompt. The retry is the same request
    /// (caller, history, tentative route) plus the critique, and passes the same checks as the first.
    /// Returns the retry's answer, verdict and rail record.
    /// </summary>
    private async Task<(SpecialistResult Result, GuardianVerdict Verdict, RailRecord Rails)> RepairAsync(
        SpecialistRequest request, SpecialistResult first, GuardianVerdict rejected, string? critique, RailRecord rails, List<AttemptInfo> attempts, RetrievalScreen? screen, CancellationToken cancellationToken)
    {
        var agent = request.Agent;
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.repair");
        span?.SetTag("orchestrator.agent", agent.Name);
        var retry = await RunSpecialistAsync(request with { Critique = critique }, cancellationToken).ConfigureAwait(false);
        rails = screen?.DrainInto(rails) ?? rails;
        if (!retry.Succeeded)
        {
            attempts.Add(new AttemptInfo(AttemptStages.Repair, agent.Model, false, retry.FailureReason ?? "failed"));
            span?.SetTag("orchestrator.repair.passed", false);
            return (first with { PromptTokens = retry.PromptTokens, CompletionTokens = retry.CompletionTokens }, rejected, rails);
        }

        (retry, var verdict, rails, var problems) = await CheckLocalAnswerAsync(request.Question, agent, retry, rails, screen, cancellationToken).ConfigureAwait(false);
        attempts.Add(new AttemptInfo(AttemptStages.Repair, agent.Model, verdict.Passed, problems ?? "passed the guardian"));
        span?.SetTag("orchestrator.repair.passed", verdict.Passed);
        PipelineLog.Repaired(_logger, agent.Name, verdict.Passed);
        return (retry, verdict, rails);
    }

    /// <summary>An answer the specialist gave without its model (e.g. the extractive one) says so: "extractive answer used: model 'x' could not be loaded; passed the guardian".</summary>
    private static string WithFallback(SpecialistResult result, string detail) =>
        result.Fallback is { } fallback ? $"{fallback}; {detail}" : detail;

    /// <summary>The failed checks and their details, e.g. "groundedness: 1 of 2 sentences unsupported"; null when all passed.</summary>
    private static string? Critique(GuardianVerdict verdict)
    {
        var failed = verdict.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed);
    }

    private async Task<SpecialistResult> RunSpecialistAsync(SpecialistRequest request, CancellationToken cancellationToken)
    {
        var agent = request.Agent;
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.specialist");
        span?.SetTag("orchestrator.agent", agent.Name);
        try
        {
            // WaitAsync: a cancelled request returns at once even when a host's own specialist ignores its token.
            var result = await _specialists.Get(agent).AnswerAsync(request, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (result.Fallback is { } fallback)
            {
                PipelineLog.SpecialistFellBack(_logger, agent.Name, fallback);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A specialist bug or timeout must not take the request down: it becomes specialist_failed.
            PipelineLog.SpecialistThrew(_logger, agent.Name, ex);
            // The exception is in the log; the reason reaches end users, so it names no internals.
            return SpecialistResult.Failed($"the {agent.Kind.ToString().ToLowerInvariant()} specialist failed; the server log has the details");
        }
    }

    private async Task<GuardianVerdict> ValidateAsync(string text, AgentDefinition agent, SpecialistResult result, CancellationToken cancellationToken)
    {
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.guardian");
        // A follow-up is judged by the question retrieval answered ("and admins?" completed from the
        // conversation): the bare follow-up shares no terms with a right answer, so relevance withheld it.
        var verdict = await _guardian.ValidateAsync(new GuardianRequest(result.RetrievalQuery ?? text, result.Answer, result.Evidence, agent.Guardian), cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.guardian.passed", verdict.Passed);
        return verdict;
    }
}
