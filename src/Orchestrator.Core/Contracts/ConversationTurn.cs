namespace Orchestrator;

/// <summary>One earlier turn of a conversation.</summary>
/// <param name="Role"><c>user</c>, <c>assistant</c> or <c>system</c>.</param>
/// <param name="Text">What was said.</param>
public sealed record ConversationTurn(string Role, string Text)
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string System = "system";
}
