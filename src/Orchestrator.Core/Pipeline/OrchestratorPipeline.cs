using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Agents;
using Orchestrator.Diagnostics;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Routing;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

/// <summary>
/// Runs one request through input checks → router → specialist → guardian → escalation decision
/// and builds the <see cref="OrchestratorResponse"/>. Every stage is timed and traced; a failing
/// stage becomes a recorded escalation reason, never an unhandled exception.
/// </summary>
public sealed class OrchestratorPipeline
{
    private readonly OrchestratorConfig _config;
    private readonly ConversationRouter _conversation;
    private readonly SpecialistRegistry _specialists;
    private readonly IGuardian _guardian;
    private readonly EscalationPolicy _escalation;
    private readonly CostEstimator _cost;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OrchestratorPipeline(
        OrchestratorConfig config,
        IRouter router,
        SpecialistRegistry specialists,
        IGuardian guardian,
        TimeProvider? timeProvider = null,
        ILogger<OrchestratorPipeline>? logger = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _conversation = new ConversationRouter(router ?? throw new ArgumentNullException(nameof(router)), config.Router.Stickiness);
        _specialists = specialists ?? throw new ArgumentNullException(nameof(specialists));
        _guardian = guardian ?? throw new ArgumentNullException(nameof(guardian));
        _escalation = new EscalationPolicy(config.Escalation);
        _cost = new CostEstimator(config);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<OrchestratorPipeline>.Instance;
    }

    public OrchestratorConfig Config => _config;

    public async Task<OrchestratorResponse> AskAsync(OrchestratorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = RequestValidator.Validate(request.Text, _config.Limits);
        using var activity = OrchestratorTelemetry.Source.StartActivity("orchestrator.request");
        var started = _time.GetTimestamp();

        var routeStart = _time.GetTimestamp();
        var decision = await RouteAsync(text, request, cancellationToken).ConfigureAwait(false);
        var routeMs = Elapsed(routeStart);
        var agent = decision.Route is null ? null : _config.FindAgent(decision.Route);
        PipelineLog.Routed(_logger, decision.Route, decision.Confidence, decision.OutOfScope);

        EscalationReason? trigger = decision.EscalationReason ?? EscalationPolicy.AgentTrigger(agent);
        string? triggerDetail = null;
        SpecialistResult? result = null;
        GuardianVerdict? verdict = null;
        double specialistMs = 0, guardianMs = 0;

        // Out of scope means no local agent fits, so no specialist runs. Low confidence still runs
        // the best candidate: its answer is kept as the degraded local answer.
        if (agent is not null && trigger is not EscalationReason.OutOfScope)
        {
            var specialistStart = _time.GetTimestamp();
            result = await RunSpecialistAsync(text, agent, cancellationToken).ConfigureAwait(false);
            specialistMs = Elapsed(specialistStart);
            if (result.Fallback is { } fallback)
            {
                PipelineLog.SpecialistFellBack(_logger, agent.Name, fallback);
            }

            if (!result.Succeeded)
            {
                PipelineLog.SpecialistFailed(_logger, agent.Name, result.FailureReason ?? "no reason given");
                trigger ??= EscalationReason.SpecialistFailed;
                triggerDetail = result.FailureReason;
            }
            else
            {
                var guardianStart = _time.GetTimestamp();
                verdict = await ValidateAsync(text, agent, result, cancellationToken).ConfigureAwait(false);
                guardianMs = Elapsed(guardianStart);
                if (!verdict.Passed)
                {
                    trigger ??= EscalationReason.GuardianFailed;
                    var failed = string.Join(", ", verdict.Checks.Where(c => !c.Passed).Select(c => c.Name));
                    PipelineLog.GuardianRejected(_logger, agent.Name, failed);
                }
            }
        }

        var escalationStart = _time.GetTimestamp();
        var escalation = _escalation.Decide(trigger, agent);
        var localAnswer = verdict is { Passed: true } ? verdict.SafeAnswer : null;
        var answer = escalation.Needed
            ? ComposeEscalatedAnswer(escalation, triggerDetail, localAnswer)
            : localAnswer ?? "";
        if (escalation.Needed)
        {
            var reasonName = escalation.Reason!.Value.ToWire();
            var targetName = escalation.Target ?? "(none)";
            PipelineLog.EscalationNeeded(_logger, reasonName, targetName, false);
        }

        var escalationMs = Elapsed(escalationStart);
        var response = ResponseBuilder.Build(
            answer,
            decision,
            agent,
            result,
            verdict,
            escalation,
            degraded: escalation.Needed && localAnswer is not null,
            cost: _cost.Estimate(text, result),
            new TimingsInfo { Total = Elapsed(started), Route = routeMs, Specialist = specialistMs, Guardian = guardianMs, Escalation = escalationMs });
        Tag(activity, response);
        return response;
    }

    /// <summary>
    /// Streams the answer of one request. The answer is validated by the guardian before any of it
    /// is shown, so local answers arrive as one delta after validation; escalated cloud answers may
    /// arrive token by token.
    /// </summary>
    public async IAsyncEnumerable<PipelineStreamEvent> StreamAsync(
        OrchestratorRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await AskAsync(request, cancellationToken).ConfigureAwait(false);
        yield return new StreamStarted(response.Route, response.Escalation.Needed);
        if (response.Answer.Length > 0)
        {
            yield return new AnswerDelta(response.Answer);
        }

        yield return new StreamCompleted(response);
    }

    private async Task<RouteDecision> RouteAsync(string text, OrchestratorRequest request, CancellationToken cancellationToken)
    {
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.route");
        if (request.Agent is not { } forcedAgent)
        {
            var routed = await _conversation.RouteAsync(text, request.History, cancellationToken).ConfigureAwait(false);
            span?.SetTag("orchestrator.route.source", routed.Source);
            return routed;
        }

        var agent = _config.FindAgent(forcedAgent) ?? throw new InvalidRequestException(
            $"unknown agent '{forcedAgent}'; expected one of: {string.Join(", ", _config.Agents.Select(a => a.Name))}");
        return new RouteDecision
        {
            Route = agent.Name,
            Confidence = 1.0,
            Candidates = [new RouteCandidate(agent.Name, 1.0)],
            OutOfScope = false,
        };
    }

    private async Task<SpecialistResult> RunSpecialistAsync(string text, AgentDefinition agent, CancellationToken cancellationToken)
    {
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.specialist");
        span?.SetTag("orchestrator.agent", agent.Name);
        try
        {
            return await _specialists.Get(agent).AnswerAsync(new SpecialistRequest(text, agent), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A specialist bug or timeout must not take the request down: it becomes specialist_failed.
            PipelineLog.SpecialistThrew(_logger, agent.Name, ex);
            return SpecialistResult.Failed($"the {agent.Kind.ToString().ToLowerInvariant()} specialist failed: {ex.GetType().Name}");
        }
    }

    private async Task<GuardianVerdict> ValidateAsync(string text, AgentDefinition agent, SpecialistResult result, CancellationToken cancellationToken)
    {
        using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.guardian");
        var verdict = await _guardian.ValidateAsync(new GuardianRequest(text, result.Answer, result.Evidence, agent.Guardian), cancellationToken).ConfigureAwait(false);
        span?.SetTag("orchestrator.guardian.passed", verdict.Passed);
        return verdict;
    }

    private static string ComposeEscalatedAnswer(EscalationDecision escalation, string? detail, string? localAnswer)
    {
        var notice = EscalationNotice.Compose(escalation, detail);
        return localAnswer is null || escalation.BlockedByAgent
            ? notice
            : $"{notice}\n\nBest local answer (not verified by a cloud model):\n{localAnswer}";
    }

    private static void Tag(Activity? activity, OrchestratorResponse response)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("orchestrator.route", response.Route.Agent);
        activity.SetTag("orchestrator.confidence", response.Route.Confidence);
        activity.SetTag("orchestrator.guardian.passed", response.Guardian.Passed);
        activity.SetTag("orchestrator.escalation.reason", response.Escalation.Reason);
        activity.SetTag("orchestrator.escalation.needed", response.Escalation.Needed);
        activity.SetTag("orchestrator.out_of_scope", response.Route.OutOfScope);
        activity.SetTag("orchestrator.candidates", string.Join(",", response.Route.Candidates.Select(c => FormattableString.Invariant($"{c.Agent}:{c.Score:0.###}"))));
        activity.SetTag("orchestrator.cost.usd", response.Cost.Usd);
    }

    private double Elapsed(long start) => _time.GetElapsedTime(start).TotalMilliseconds;
}
