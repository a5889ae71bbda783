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

    /// <summary>Every answer attempt in order: the local one, the repair retry, each cloud provider tried (additive to the contract).</summary>
    public IReadOnlyList<AttemptInfo> Attempts { get; init; } = [];
}

/// <summary>One attempt at answering: which stage, which model (null for non-model specialists), whether it produced the shown answer's basis, and why not.</summary>
public sealed record AttemptInfo(string Stage, string? Model, bool Ok, string Detail);

/// <summary>Values of <see cref="AttemptInfo.Stage"/>.</summary>
public static class AttemptStages
{
    public const string Local = "local";
    public const string Repair = "repair";
    public const string Cloud = "cloud";
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

    /// <summary>Why no cloud answer was given when one was needed: unavailable, budget, no_target, never_escalate, trigger_disabled, stream_broken (additive to the contract).</summary>
    public string? DegradedReason { get; init; }
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
