namespace Orchestrator;

/// <summary>Why a request needs the cloud model. Serialised as the snake_case names in the contract.</summary>
public enum EscalationReason
{
    OutOfScope,
    LowConfidence,
    SpecialistFailed,
    GuardianFailed,
    Requested,
    Policy,
}
