namespace Orchestrator.Escalation;

/// <summary>
/// The honest text a user sees when a request needed the cloud but was not sent there: what
/// triggered the escalation, and why it was not performed.
/// </summary>
public static class EscalationNotice
{
    public static string Compose(EscalationDecision decision, string? detail)
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

        text += ". ";
        text += decision.BlockedByAgent
            ? "The agent is marked never to escalate, so nothing was sent off this machine and the request is refused."
            : decision.Target is null
                ? "No cloud model is configured (set escalation.target in orchestrator.yaml), so nothing was sent off this machine."
                : $"Escalation to '{decision.Target}' is configured, but cloud calls are not available in this build, so nothing was sent off this machine.";
        return text;
    }
}
