
namespace Orchestrator;

public sealed record GuardianCheckResult(string Name, bool Passed, double Score, string Detail)
{
    /// <summary>The answer as this check would let it be shown (e.g. PII redacted); null when the check changes nothing.</summary>
    public string? RewrittenAnswer { get; init; }

    /// <summary>The rail that ran this check (input, retrieval, output); null for an agent's guardian list.</summary>
    public string? Stage { get; init; }

    /// <summary>What the rail did because the check fired; null when it passed.</summary>
    public string? Action { get; init; }
}
