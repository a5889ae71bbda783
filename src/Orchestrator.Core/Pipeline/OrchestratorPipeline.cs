using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Caching;
using Orchestrator.Escalation;
using Orchestrator.Guardian;
using Orchestrator.Models.Batching;
using Orchestrator.Guardian.Rails;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Routing;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

/// <summary>
/// Runs one request through input checks → router → specialist → guardian (→ one repair) →
/// escalation decision → cloud call and builds the <see cref="OrchestratorResponse"/>. Every stage
/// is timed and traced; a failing stage becomes a recorded escalation reason, never an unhandled exception.
/// </summary>
public sealed partial class OrchestratorPipeline
{
    private readonly OrchestratorConfig _config;
    private readonly ConversationRouter _conversation;
    private readonly SpecialistRegistry _specialists;
    private readonly IGuardian _guardian;
    private readonly EscalationPolicy _escalation;
    private readonly CloudEscalator? _cloud;
    private readonly CostEstimator _cost;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GuardianRails? _rails;

    public OrchestratorPipeline(
        OrchestratorConfig config,
        IRouter router,
        SpecialistRegistry specialists,
        IGuardian guardian,
        TimeProvider? timeProvider = null,
        ILogger<OrchestratorPipeline>? logger = null,
        CloudEscalator? cloud = null,
        GuardianRails? rails = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _conversation = new ConversationRouter(router ?? throw new ArgumentNullException(nameof(router)), config.Router.Stickiness, FollowUpQueryRewriter.Rewrite);
        _specialists = specialists ?? throw new ArgumentNullException(nameof(specialists));
        _guardian = guardian ?? throw new ArgumentNullException(nameof(guardian));
        _escalation = new EscalationPolicy(config.Escalation);
        _cloud = cloud;
        _cost = new CostEstimator(config);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<OrchestratorPipeline>.Instance;
        _cloudSafe = new CloudSafeAnswers(_time);
        _rails = rails;
    }

    /// <summary>The guardian's rails, when configured.</summary>
    public GuardianRails? Rails => _rails;

    public OrchestratorConfig Config => _config;

    /// <summary>The answer cache, when <c>cache.enabled</c> (set by the runtime).</summary>
    internal AnswerCache? AnswerCache { get; init; }

    /// <summary>The escalator, when the runtime built one (a target is configured).</summary>
    public CloudEscalator? Cloud => _cloud;

    public async Task<OrchestratorResponse> AskAsync(OrchestratorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = RequestValidator.Validate(request.Text, _config.Limits);
        using var activity = OrchestratorTelemetry.Source.StartActivity("orchestrator.request");
        using var embeddings = EmbeddingScope.Begin(); // the query is embedded once for all stages
        var started = _time.GetTimestamp();
        var input = await RunInputRailAsync(text, request.History, cancellationToken).ConfigureAwait(false);
        if (input?.Action == RailActions.Block)
        {
            return Blocked(input, started);
        }

        var asked = text;
        text = input?.Question ?? text;
        if (await FindExactAsync(request, text, started, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            Tag(activity, exact);
            return exact;
        }

        var local = await RunLocalAsync(request, asked, text, input, cancellationToken).ConfigureAwait(false);
        if ((local.CacheHit ?? local.Refusal) is { } done)
        {
            Tag(activity, done);
            return done;
        }

        var escalationStart = _time.GetTimestamp();
        var escalation = _escalation.Decide(local.Trigger, EscalationAgent(local));
        CloudOutcome? cloud = null;
        IReadOnlyList<GuardianCheckResult> cloudChecks = [];
        if (escalation.MayLeaveMachine && _cloud is not null)
        {
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.escalation");
            cloud = await _cloud.AskAsync(CloudQueryFor(request, local.Question ?? text, local), cancellationToken).ConfigureAwait(false);
            (cloud, cloudChecks) = await CheckCloudOutcomeAsync(text, local, cloud, cancellationToken).ConfigureAwait(false);
        }

        var response = await RememberAsync(request, text, local, Finish(text, local, escalation, cloud, Elapsed(escalationStart), cloudChecks), cancellationToken).ConfigureAwait(false);
        Tag(activity, response);
        RememberIfCloudSafe(request, local, response);
        return response;
    }

    /// <summary>
    /// Streams the answer of one request. Local answers are validated by the guardian before any of
    /// it is shown, so they arrive as one delta; escalated cloud answers arrive as the cloud model
    /// writes them (in whole sentences, see <see cref="CloudEscalator.StreamAsync"/>).
    /// </summary>
    public async IAsyncEnumerable<PipelineStreamEvent> StreamAsync(
        OrchestratorRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = RequestValidator.Validate(request.Text, _config.Limits);
        using var activity = OrchestratorTelemetry.Source.StartActivity("orchestrator.request");
        using var embeddings = EmbeddingScope.Begin(); // the query is embedded once for all stages
        var started = _time.GetTimestamp();
        var input = await RunInputRailAsync(text, request.History, cancellationToken).ConfigureAwait(false);
        if (input?.Action == RailActions.Block)
        {
            var blocked = Blocked(input, started);
            yield return new StreamStarted(blocked.Route, false);
            yield return new AnswerDelta(blocked.Answer);
            yield return new StreamCompleted(blocked);
            yield break;
        }

        var asked = text;
        text = input?.Question ?? text;
        var cached = await FindExactAsync(request, text, started, cancellationToken).ConfigureAwait(false);
        var local = cached is null ? await RunLocalAsync(request, asked, text, input, cancellationToken).ConfigureAwait(false) : null;
        if (local is null || local.CacheHit is not null || local.Refusal is not null)
        {
            var hit = cached ?? local!.CacheHit ?? local.Refusal!;
            yield return new StreamStarted(hit.Route, false);
            yield return new AnswerDelta(hit.Answer);
            yield return new StreamCompleted(hit);
            yield break;
        }

        var escalationStart = _time.GetTimestamp();
        var escalation = _escalation.Decide(local.Trigger, EscalationAgent(local));
        if (!escalation.MayLeaveMachine || _cloud is null)
        {
            var response = await RememberAsync(request, text, local, Finish(text, local, escalation, cloud: null, Elapsed(escalationStart)), cancellationToken).ConfigureAwait(false);
            RememberIfCloudSafe(request, local, response);
            yield return new StreamStarted(response.Route, escalation.Needed);
            if (response.Answer.Length > 0)
            {
                yield return new AnswerDelta(response.Answer);
            }

            yield return new StreamCompleted(response);
            yield break;
        }

        // Started waits for the cloud's first words or its outcome, so it can say whether the cloud answered.
        var route = ResponseBuilder.Route(local.Decision, local.Agent);
        var sent = false;
        // What the client was shown, piece by piece: when the output rail rewrote a piece (redact), the
        // completed response must carry this text, not the cloud's original.
        var shown = new System.Text.StringBuilder();
        var rewritten = false;
        var cloudChecks = new List<GuardianCheckResult>();
        await foreach (var item in _cloud.StreamAsync(CloudQueryFor(request, local.Question ?? text, local), cancellationToken).ConfigureAwait(false))
        {
            if (item.Delta is { Length: > 0 } delta)
            {
                // Hold-back: each piece (a whole sentence) reaches the client only after the output
                // rail passed it; a rejected piece ends the stream with a guardian error instead.
                var check = await CheckCloudAnswerAsync(text, local, delta, cancellationToken).ConfigureAwait(false);
                MergeStreamedChecks(cloudChecks, check.Checks);
                if (check.Withheld)
                {
                    PipelineLogCloudRejected(local, check.WithheldBy!);
                    var withheld = Finish(text, local, escalation, new CloudOutcome { Answer = WithheldCloudNotice(check.WithheldBy!), Model = null, Failure = new CloudFailure("guardian", $"the output checks rejected the cloud answer ({check.WithheldBy})") }, Elapsed(escalationStart), cloudChecks);
                    Tag(activity, withheld);
                    if (!sent)
                    {
                        yield return new StreamStarted(route, true) { EscalationPerformed = false };
                    }

                    yield return new StreamFailed($"guardian: the rest of the answer was withheld by the output checks ({check.WithheldBy}).", withheld);
                    yield break;
                }

                if (!sent)
                {
                    yield return new StreamStarted(route, true) { EscalationPerformed = true };
                }

                sent = true;
                var piece = check.Answer;
                rewritten |= !string.Equals(piece, delta, StringComparison.Ordinal);
                shown.Append(piece);
                yield return new AnswerDelta(piece);
                continue;
            }

            if (item.Outcome is not { } outcome)
            {
                continue;
            }

            if (rewritten && outcome.Answer is not null)
            {
                outcome = outcome with { Answer = shown.ToString() };
            }

            var response = Finish(text, local, escalation, outcome, Elapsed(escalationStart), cloudChecks);
            Tag(activity, response);
            if (!sent)
            {
                yield return new StreamStarted(route, true) { EscalationPerformed = outcome.Performed };
            }

            RememberIfCloudSafe(request, local, response);
            if (outcome.Performed)
            {
                yield return new StreamCompleted(response);
            }
            else if (sent)
            {
                yield return new StreamFailed($"The cloud answer was interrupted: {outcome.Failure?.Detail}. The text so far is incomplete; ask again.", response);
            }
            else
            {
                // Nothing reached the caller yet, so the degraded answer can still be given whole.
                yield return new AnswerDelta(response.Answer);
                yield return new StreamCompleted(response);
            }
        }
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
        activity.SetTag("orchestrator.escalation.performed", response.Escalation.Performed);
        activity.SetTag("orchestrator.escalation.target", response.Escalation.Target);
        activity.SetTag("orchestrator.escalation.needed", response.Escalation.Needed);
        activity.SetTag("orchestrator.out_of_scope", response.Route.OutOfScope);
        activity.SetTag("orchestrator.candidates", string.Join(",", response.Route.Candidates.Select(c => FormattableString.Invariant($"{c.Agent}:{c.Score:0.###}"))));
        activity.SetTag("orchestrator.cost.usd", response.Cost.Usd);
    }

    private double Elapsed(long start) => _time.GetElapsedTime(start).TotalMilliseconds;
}
