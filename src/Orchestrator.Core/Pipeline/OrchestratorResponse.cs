using System.Text.Json.Serialization;

namespace Orchestrator.Pipeline;

// The JSON shape of one answer (see CONTRACTS.md, "OrchestratorResponse"). Property names are
// serialised in snake_case by OrchestratorJson.Options.

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
}

public sealed record RouteInfo
{
    public string? Agent { get; init; }

    public string? Kind { get; init; }

    public double Confidence { get; init; }

    public bool OutOfScope { get; init; }

    public IReadOnlyList<CandidateInfo> Candidates { get; init; } = [];
}

public sealed record CandidateInfo(string Agent, double Score);

public sealed record CitationInfo(int Id, string Source, string Locator, string Text);

public sealed record ToolCallInfo(string Name, IReadOnlyDictionary<string, object?> Arguments, string? Result, bool Ok);

public sealed record GuardianInfo
{
    public bool Passed { get; init; }

    public IReadOnlyList<GuardianCheckInfo> Checks { get; init; } = [];
}

public sealed record GuardianCheckInfo(string Name, bool Passed, double Score, string Detail);

public sealed record EscalationInfo
{
    public bool Needed { get; init; }

    public bool Performed { get; init; }

    public string? Reason { get; init; }

    public string? Target { get; init; }

    public bool Degraded { get; init; }
}

public sealed record CostInfo
{
    public double Usd { get; init; }

    public double CloudUsdAvoided { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }
}

public sealed record TimingsInfo
{
    public double Total { get; init; }

    public double Route { get; init; }

    public double Specialist { get; init; }

    public double Guardian { get; init; }

    public double Escalation { get; init; }
}

public static class OrchestratorJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
