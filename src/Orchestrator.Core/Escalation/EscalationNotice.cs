namespace Orchestrator.Escalation;

/// <summary>
/// The honest text a user sees when a request needed the cloud but got no cloud answer: what
/// triggered the escalation, and why it was not performed.
/// </summary>
public static class EscalationNotice
{
    /// <param name="decision">The policy's decision.</param>
    /// <param name="detail">Why the local path could not answer (e.g. the specialist's failure).</param>
    /// <param name="cloudFailure">Why the cloud call was not made or failed; null when it was never attempted.</param>
    public static string Compose(EscalationDecision decision, string? detail, CloudFailure? cloudFailure = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var why = decision.Reason switch
        {
            EscalationReason.OutOfScope => "none of the local agents handles this kind of request",
            EscalationReason.LowConfidence => "the router was not confident enough which local agent should answer",
            EscalationReason.SpecialistFailed => "the local specialist could not produce an answer",
            EscalationReason.GuardianFailed => "the local answer did not pass the guardian's checks, so it is not shown",
            EscalationReason.Requested => "a cloud answer was requested",
            EscalationReason.Policy => "this agent is configured to always escalate",
            _ => "it could not be answered locally",
        };

        var reason = decision.Reason?.ToWire() ?? "unknown";
        var text = $"This request needs escalation to a cloud model ({reason}): {why}";
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text += $" ({detail.Trim().TrimEnd('.')})";
        }

        return text + ". " + Outcome(decision, cloudFailure);
    }

    private static string Outcome(EscalationDecision decision, CloudFailure? cloudFailure) => decision.NotAttemptedBecause switch
    {
        DegradedReasons.NeverEscalate => "The agent is marked never to escalate, so nothing was sent off this machine and the request is refused.",
        DegradedReasons.TriggerDisabled => $"Escalation for '{decision.Reason?.ToWire()}' is turned off (escalation.triggers in the configuration), so nothing was sent off this machine.",
        DegradedReasons.NoTarget => "No cloud model is configured (set escalation.target in orchestrator.yaml), so nothing was sent off this machine.",
        _ => cloudFailure switch
        {
            { Reason: DegradedReasons.Budget } f => $"The cloud budget refused this request ({f.Detail}), so nothing was sent off this machine.",
            { } f => $"The cloud model could not answer ({f.Detail}).",
            null => $"Escalation to '{decision.Target}' did not produce an answer.",
        },
    };
}

/// <summary>Why the cloud gave no answer: a <see cref="DegradedReasons"/> value and a short, secret-free detail.</summary>
public sealed record CloudFailure(string Reason, string Detail);
