namespace Orchestrator.Pipeline;

/// <summary>One request to the pipeline.</summary>
/// <param name="Text">The user's latest message.</param>
/// <param name="Agent">Optional agent name that skips the router (CLI <c>--agent</c>, HTTP <c>model</c>).</param>
public sealed record OrchestratorRequest(string Text, string? Agent = null)
{
    /// <summary>Earlier turns of the conversation, oldest first, without the latest message.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>The tenant the caller belongs to (from its API key); null for local CLI use. Budgets are kept per tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The caller asks for a cloud answer (CLI <c>--escalate</c> or <c>--agent &lt;target&gt;</c>): the request escalates as <c>requested</c>.</summary>
    public bool EscalationRequested { get; init; }
}

/// <summary>One earlier turn of a conversation.</summary>
/// <param name="Role"><c>user</c>, <c>assistant</c> or <c>system</c>.</param>
/// <param name="Text">What was said.</param>
public sealed record ConversationTurn(string Role, string Text)
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string System = "system";
}

/// <summary>Bad input from the caller: empty text, text over the limit, an unknown agent. Maps to exit code 2 / HTTP 400.</summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException()
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
