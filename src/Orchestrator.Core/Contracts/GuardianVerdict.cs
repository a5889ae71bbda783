
namespace Orchestrator;

/// <summary>
/// The guardian's verdict. <see cref="SafeAnswer"/> is what may be shown: the answer itself, or with
/// PII redacted. When <see cref="Passed"/> is false the answer must not be shown as is.
/// </summary>
public sealed record GuardianVerdict
{
    public required bool Passed { get; init; }

    public required IReadOnlyList<GuardianCheckResult> Checks { get; init; }

    public required string SafeAnswer { get; init; }
}
