namespace Orchestrator;

public sealed record ToolCallInfo(string Name, IReadOnlyDictionary<string, object?> Arguments, string? Result, bool Ok)
{
    /// <summary>One of <see cref="ToolCallStatus"/>: <c>ok</c>, <c>failed</c>, <c>not_run</c>, <c>awaiting_confirmation</c>, <c>refused</c>, <c>cancelled</c>.</summary>
    public string Status { get; init; } = Ok ? ToolCallStatus.Ok : ToolCallStatus.Failed;
}
