using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record GuardianCheckInfo(string Name, bool Passed, double Score, string Detail)
{
    /// <summary>The rail that ran the check: input, retrieval or output; null for an agent's own guardian list (additive to the contract).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; init; }

    /// <summary>What the rail did because of it: block, escalate, redact, flag, drop, quarantine; null when it passed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Action { get; init; }
}
