namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// <see cref="BudgetChatClient"/> refused a call before anything was sent: its worst-case cost would
/// pass the daily limit (global or the tenant's). <see cref="FallbackChatClient"/> turns it into an
/// attempt and a <see cref="DegradedReasons.Budget"/> failure, so callers of the escalator see a value.
/// </summary>
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException()
        : this("the daily budget is reached")
    {
    }

    public BudgetExceededException(string reason)
        : base($"budget: {reason}") => Reason = reason;

    public BudgetExceededException(string reason, Exception innerException)
        : base($"budget: {reason}", innerException) => Reason = reason;

    /// <summary>Which limit refused, e.g. "global limit 2.56 USD/day, 2.56 spent or reserved".</summary>
    public string Reason { get; } = "the daily budget is reached";
}
