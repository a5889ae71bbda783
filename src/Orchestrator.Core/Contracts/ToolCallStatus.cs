namespace Orchestrator;

/// <summary>What happened to one tool call, as <c>tool_calls[].status</c> in the response.</summary>
public static class ToolCallStatus
{
    /// <summary>The tool ran and returned a result.</summary>
    public const string Ok = "ok";

    /// <summary>The tool ran (or was attempted) and failed or rejected its arguments.</summary>
    public const string Failed = "failed";

    /// <summary>Not run: the route was a guess (low confidence or out of scope) or a required value was missing or meaningless.</summary>
    public const string NotRun = "not_run";

    /// <summary>Not run yet: the tool needs the user's confirmation, which the answer asks for.</summary>
    public const string AwaitingConfirmation = "awaiting_confirmation";

    /// <summary>Not run: the caller may not see the data it asked for (personal data of someone else, or an anonymous caller).</summary>
    public const string Refused = "refused";

    /// <summary>Not run: the user declined the proposed call.</summary>
    public const string Cancelled = "cancelled";
}
