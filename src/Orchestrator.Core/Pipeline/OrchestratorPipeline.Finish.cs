using Orchestrator.Diagnostics;
using Orchestrator.Escalation;
using Orchestrator.Guardian;

namespace Orchestrator.Pipeline;

public sealed partial class OrchestratorPipeline
{
    /// <summary>Chooses the answer (local, cloud, or a notice with the best local answer) and builds the response.</summary>
    /// <param name="cloudChecks">What ran on the cloud answer after its boundary (<see cref="CheckCloudAnswerAsync"/>); with a cloud answer shown, the guardian record lists these instead of the local answer's checks.</param>
    private OrchestratorResponse Finish(string text, LocalStage local, EscalationDecision escalation, CloudOutcome? cloud, double escalationMs, IReadOnlyList<GuardianCheckResult>? cloudChecks = null)
    {
        var localAnswer = local.Verdict is { Passed: true } verdict ? verdict.SafeAnswer : null;
        var performed = cloud is { Performed: true };
        var failure = cloud?.Failure
            ?? (escalation.MayLeaveMachine && !performed ? new CloudFailure(DegradedReasons.Unavailable, "escalation is not set up in this pipeline") : null);
        var answer = !escalation.Needed ? localAnswer ?? ""
            : performed ? cloud!.Answer!
            : ComposeEscalatedAnswer(escalation, local.TriggerDetail, localAnswer, failure);
        if (escalation.Needed)
        {
            var reasonName = escalation.Reason!.Value.ToWire();
            var targetName = (performed ? cloud!.Model : escalation.Target) ?? "(none)";
            PipelineLog.EscalationNeeded(_logger, reasonName, targetName, performed);
        }

        var info = new EscalationInfo
        {
            Needed = escalation.Needed,
            Performed = performed,
            Reason = escalation.Reason?.ToWire(),
            Target = performed ? cloud!.Model : escalation.Target,
            Degraded = escalation.Needed && !performed,
            DegradedReason = !escalation.Needed || performed ? null : escalation.NotAttemptedBecause ?? failure?.Reason ?? DegradedReasons.Unavailable,
        };
        var cloudAttempts = cloud?.Attempts.Select(a => new AttemptInfo(AttemptStages.Cloud, a.Model, a.Ok, a.Detail)) ?? [];
        return ResponseBuilder.Build(
            answer,
            local,
            showLocalCitations: !performed && localAnswer is not null,
            cloudAnswerShown: performed,
            info,
            Cost(text, local, escalation, cloud),
            new TimingsInfo
            {
                Total = local.Timings.Total + escalationMs,
                Route = local.Timings.Route,
                Specialist = local.Timings.Specialist,
                Guardian = local.Timings.Guardian,
                Escalation = escalationMs,
            },
            [.. local.Attempts, .. cloudAttempts],
            [.. new[] { cloud?.PiiCheck, cloud?.LinkCheck }.OfType<GuardianCheckResult>(), .. cloudChecks ?? []]);
    }

    /// <summary>
    /// Tokens are the models' reported usage (estimated at four characters a token when a model
    /// reports none); <c>usd</c> is what the cloud calls cost; <c>cloud_usd_avoided</c> only counts
    /// requests answered locally without needing the cloud.
    /// </summary>
    private CostInfo Cost(string text, LocalStage local, EscalationDecision escalation, CloudOutcome? cloud)
    {
        var (prompt, completion) = (local.PromptTokens, local.CompletionTokens);
        // A fallback answer (the model failed, the extractive answer was used) cost no model tokens.
        if (prompt == 0 && local.Agent?.Model is not null && local.Result is { Succeeded: true, Fallback: null } result)
        {
            prompt = CloudPricing.EstimateTokens(text.Length + result.Evidence.Sum(p => p.Text.Length));
            completion = CloudPricing.EstimateTokens(result.Answer.Length);
        }

        return new CostInfo
        {
            Usd = Math.Round(cloud?.Usd ?? 0, 6),
            CloudUsdAvoided = escalation.Needed ? 0 : _cost.Estimate(text, local.Result).CloudUsdAvoided,
            PromptTokens = prompt + (cloud?.PromptTokens ?? 0),
            CompletionTokens = completion + (cloud?.CompletionTokens ?? 0),
        };
    }

    private static string ComposeEscalatedAnswer(EscalationDecision escalation, string? detail, string? localAnswer, CloudFailure? failure)
    {
        var notice = EscalationNotice.Compose(escalation, detail, failure);
        return localAnswer is null || escalation.BlockedByAgent
            ? notice
            : $"{notice}\n\nBest local answer (not verified by a cloud model):\n{localAnswer}";
    }
}
