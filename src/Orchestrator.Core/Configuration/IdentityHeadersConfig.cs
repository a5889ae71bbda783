namespace Orchestrator.Configuration;

/// <summary>
/// <c>server.identity_headers</c>: headers a trusted reverse proxy sets with the signed-in user. Only
/// read when configured; enable it only when every request passes through a proxy that sets these
/// headers and removes them from what clients send, or any client can claim to be anyone.
/// </summary>
public sealed class IdentityHeadersConfig
{
    /// <summary>Header with the user id, e.g. <c>X-Forwarded-User</c>.</summary>
    public required string User { get; init; }

    /// <summary>Optional header with comma-separated roles, e.g. <c>X-Forwarded-Roles</c>.</summary>
    public string? Roles { get; init; }
}
