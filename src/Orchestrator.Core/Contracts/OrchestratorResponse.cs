using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record OrchestratorResponse
{
    public required string Answer { get; init; }

    public required RouteInfo Route { get; init; }

    public IReadOnlyList<CitationInfo> Citations { get; init; } = [];

    public IReadOnlyList<ToolCallInfo> ToolCalls { get; init; } = [];

    public required GuardianInfo Guardian { get; init; }

    public required EscalationInfo Escalation { get; init; }

    public required CostInfo Cost { get; init; }

    public required TimingsInfo TimingsMs { get; init; }

    /// <summary>Every answer attempt in order: the local one, the repair retry, each cloud provider tried (additive to the contract).</summary>
    public IReadOnlyList<AttemptInfo> Attempts { get; init; } = [];

    /// <summary>The answer cache's verdict for this request; absent when the cache is off (additive to the contract).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CacheInfo? Cache { get; init; }

    /// <summary>The search query retrieval used when it rewrote a follow-up from earlier turns ("and in Paris?") or corrected the request's spelling; null otherwise (additive to the contract).</summary>
    public string? RetrievalQuery { get; init; }
}
