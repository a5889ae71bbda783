namespace Orchestrator;

/// <summary>
/// Who is asking: the signed-in user, their tenant and their roles. Tools marked personal compare
/// their subject argument with <see cref="UserId"/>; without one the caller is anonymous and gets
/// no personal data. The library host sets it on <see cref="OrchestratorRequest.Caller"/>; the HTTP
/// API takes it from the API key's <c>user</c>/<c>roles</c> or from trusted identity headers.
/// </summary>
/// <param name="UserId">The user's id in the tools' terms (e.g. an employee id); null or blank means anonymous.</param>
/// <param name="Tenant">The tenant the user belongs to, when known.</param>
public sealed record CallerIdentity(string? UserId, string? Tenant = null)
{
    /// <summary>No user, no tenant, no roles.</summary>
    public static CallerIdentity Anonymous { get; } = new(UserId: null);

    /// <summary>Roles such as <c>hr</c> that tool policies may grant wider access to (compared case-insensitively).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool IsAnonymous => string.IsNullOrWhiteSpace(UserId);

    public bool HasRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
