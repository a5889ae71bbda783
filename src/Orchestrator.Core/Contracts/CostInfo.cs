using System.Text.Json.Serialization;

namespace Orchestrator;

public sealed record CostInfo
{
    public double Usd { get; init; }

    public double CloudUsdAvoided { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }
}
