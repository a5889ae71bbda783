namespace Orchestrator.Tools;

/// <summary>
/// Marks a tool method that changes something (files a ticket, sends a message). It never runs on a
/// low-confidence or out-of-scope route, and a meaningless free-text argument ("open a ticket for me"
/// as the summary) is asked for instead of used. With <see cref="Confirm"/> the user must confirm first.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SideEffectsAttribute : Attribute
{
    /// <summary>Propose the call and run it only after the user replies "yes".</summary>
    public bool Confirm { get; init; }
}
