namespace Orchestrator.Configuration;

/// <summary>
/// One entry under <c>tools:</c> in orchestrator.yaml: the policy for a tool by its registered name
/// (C# or MCP). Unset fields keep what the tool declares itself (<c>[SideEffects]</c>,
/// <c>[PersonalData]</c>, MCP <c>readOnlyHint</c>).
/// </summary>
public sealed class ToolPolicyConfig
{
    public required string Name { get; init; }

    /// <summary>The tool changes something (files a ticket, sends mail): it never runs on a guessed route or with meaningless arguments.</summary>
    public bool? SideEffects { get; init; }

    /// <summary>The tool runs only after the user confirms the proposed call (implies <see cref="SideEffects"/>).</summary>
    public bool? Confirm { get; init; }

    /// <summary>The tool returns one person's records; null keeps the tool's own declaration.</summary>
    public PersonalDataConfig? Personal { get; init; }
}
