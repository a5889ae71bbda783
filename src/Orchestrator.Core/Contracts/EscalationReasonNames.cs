namespace Orchestrator;

public static class EscalationReasonNames
{
    public static string ToWire(this EscalationReason reason) => reason switch
    {
        EscalationReason.OutOfScope => "out_of_scope",
        EscalationReason.LowConfidence => "low_confidence",
        EscalationReason.SpecialistFailed => "specialist_failed",
        EscalationReason.GuardianFailed => "guardian_failed",
        EscalationReason.Requested => "requested",
        EscalationReason.Policy => "policy",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
