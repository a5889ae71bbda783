using Orchestrator.Retrieval;

namespace Orchestrator.Guardian;

public sealed record GuardianCheckResult(string Name, bool Passed, double Score, string Detail)
{
    /// <summary>The answer as this check would let it be shown (e.g. PII redacted); null when the check changes nothing.</summary>
    public string? RewrittenAnswer { get; init; }
}

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

public sealed record GuardianRequest(string Question, string Answer, IReadOnlyList<Passage> Evidence, IReadOnlyList<string> Checks);

public interface IGuardian
{
    Task<GuardianVerdict> ValidateAsync(GuardianRequest request, CancellationToken cancellationToken = default);
}
