namespace Orchestrator.Tools;

/// <summary>
/// What the framework enforces around one tool, whatever its source (C# plugin, MCP server):
/// side effects (never on a guessed route, never with meaningless arguments), confirmation before
/// acting, and personal data (only the caller's own records unless a role allows more).
/// Declared with <see cref="SideEffectsAttribute"/> and <see cref="PersonalDataAttribute"/>, and
/// overridden per tool by <c>tools:</c> in orchestrator.yaml.
/// </summary>
public sealed record ToolPolicy
{
    public static ToolPolicy None { get; } = new();

    /// <summary>The tool changes something outside the conversation (a ticket, an e-mail, a booking).</summary>
    public bool SideEffects { get; init; }

    /// <summary>The tool runs only once the user confirmed the exact proposed call.</summary>
    public bool Confirm { get; init; }

    /// <summary>Set when the tool returns one person's records.</summary>
    public PersonalDataPolicy? Personal { get; init; }

    /// <summary>Side effects in the wide sense: declared, or implied by confirmation.</summary>
    public bool Acts => SideEffects || Confirm;
}
