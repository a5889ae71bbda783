using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tools;

public sealed record ToolCallingOptions
{
    /// <summary>Model round trips before giving up; each may request several tool calls.</summary>
    public int MaxIterations { get; init; } = 4;

    public ToolSelectionOptions Selection { get; init; } = new();

    public string SystemPrompt { get; init; } =
        "You help by calling the tools provided. Call a tool only when it fits the request, with arguments taken from the request; " +
        "if a required value is missing, ask the user for it instead of inventing it. If a tool returns an error, correct the arguments or explain the problem. " +
        "Finish with a short plain-language answer that states the tool result.";
}
