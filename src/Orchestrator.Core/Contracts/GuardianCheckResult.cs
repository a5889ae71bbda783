
namespace Orchestrator;

public sealed record GuardianCheckResult(string Name, bool Passed, double Score, string Detail)
{
    /// <summary>The answer as this check would let it be shown (e.g. PII redacted); null when the check changes nothing.</summary>
    public string? RewrittenAnswer { get; init; }
}
