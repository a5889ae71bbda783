namespace Orchestrator.Configuration;

/// <summary>The values of <c>state.on_unavailable.*</c>: what a check does while the shared store is unreachable.</summary>
public static class UnavailablePolicies
{
    public const string FailClosed = "fail_closed";
    public const string FailOpen = "fail_open";

    public static readonly IReadOnlyList<string> All = [FailClosed, FailOpen];
}
