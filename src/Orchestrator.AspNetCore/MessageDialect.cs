namespace Orchestrator.AspNetCore;

/// <summary>
/// How one OpenAI API spells a conversation: the field that holds it (<c>messages</c> or <c>input</c>), the
/// roles and text part types it allows, and the examples its error messages show. The chat completions and
/// Responses parsers read turns with the same code and differ only in these.
/// </summary>
internal sealed record MessageDialect(string Field, string[] Roles, string[] TextPartTypes, string UserMessageExample)
{
    public static readonly MessageDialect Chat = new(
        "messages",
        ["system", "developer", "user", "assistant", "tool", "function"],
        ["text"],
        "{\"role\":\"user\",\"content\":\"...\"}");

    /// <summary>Responses input messages: <c>input_text</c> parts, and <c>output_text</c> in assistant turns a client sends back.</summary>
    public static readonly MessageDialect Responses = new(
        "input",
        ["system", "developer", "user", "assistant"],
        ["input_text", "output_text"],
        "{\"role\":\"user\",\"content\":\"...\"}");
}
