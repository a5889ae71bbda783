namespace Orchestrator.Configuration;

/// <summary>
/// <c>tool_confirmation:</c>: how proposals of tools with <c>confirm: true</c> are signed. The proposal
/// carries an HMAC-signed token; the follow-up "yes" runs exactly the signed call.
/// </summary>
public sealed class ToolConfirmationConfig
{
    public const int DefaultTtlSeconds = 900;

    /// <summary>
    /// Environment variable with the signing secret (at least 32 characters). Unset: a random secret per
    /// process, so a confirmation must reach the same process and does not survive a restart.
    /// </summary>
    public string? SecretEnv { get; init; }

    /// <summary>How long a proposal can be confirmed.</summary>
    public int TtlSeconds { get; init; } = DefaultTtlSeconds;
}
