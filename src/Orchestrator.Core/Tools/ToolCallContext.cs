namespace Orchestrator.Tools;

/// <summary>
/// The caller of the tool call in progress, for tool code that filters by it
/// (<c>ToolCallContext.Caller.UserId</c>). The framework sets it around each invocation; outside a
/// call it is anonymous. It flows with async calls made by the tool.
/// </summary>
public static class ToolCallContext
{
    private static readonly AsyncLocal<CallerIdentity?> Current = new();

    public static CallerIdentity Caller => Current.Value ?? CallerIdentity.Anonymous;

    /// <summary>Sets the caller until the returned scope is disposed.</summary>
    internal static IDisposable Enter(CallerIdentity caller)
    {
        var previous = Current.Value;
        Current.Value = caller;
        return new Scope(previous);
    }

    private sealed class Scope(CallerIdentity? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
