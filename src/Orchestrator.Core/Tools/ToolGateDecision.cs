using System.Text.Json.Nodes;

namespace Orchestrator.Tools;

public enum ToolGateOutcome
{
    /// <summary>Run the call with <see cref="ToolGateDecision.Arguments"/>.</summary>
    Run,

    /// <summary>The caller may not see this data; the tool is not invoked.</summary>
    Refused,

    /// <summary>The route was a guess; a tool with side effects is not invoked.</summary>
    NotRun,

    /// <summary>A required value is missing or meaningless; ask for <see cref="ToolGateDecision.Missing"/>.</summary>
    NeedsInput,

    /// <summary>Propose the call and wait for the user's "yes".</summary>
    Confirm,
}

/// <summary>What <see cref="ToolCallGate"/> decided for one proposed call, with the answer to give when it is not run.</summary>
public sealed record ToolGateDecision(ToolGateOutcome Outcome, JsonObject Arguments, string Message = "")
{
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>The response's <c>tool_calls[].status</c> for a call stopped here.</summary>
    public string Status => Outcome switch
    {
        ToolGateOutcome.Refused => ToolCallStatus.Refused,
        ToolGateOutcome.Confirm => ToolCallStatus.AwaitingConfirmation,
        ToolGateOutcome.Run => ToolCallStatus.Ok,
        _ => ToolCallStatus.NotRun,
    };
}
