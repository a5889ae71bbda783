namespace Orchestrator;

/// <summary>One request to the pipeline.</summary>
/// <param name="Text">The user's latest message.</param>
/// <param name="Agent">Optional agent name that skips the router (CLI <c>--agent</c>, HTTP <c>model</c>).</param>
public sealed record OrchestratorRequest(string Text, string? Agent = null)
{
    /// <summary>Earlier turns of the conversation, oldest first, without the latest message.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>
    /// The tenant the caller belongs to (from its API key); null for local CLI use. Budgets, the answer
    /// cache and the cloud-safe answer memory are kept per tenant; when null, <see cref="Caller"/>'s
    /// tenant is used.
    /// </summary>
    public string? Tenant { get; init; }

    /// <summary>The caller asks for a cloud answer (CLI <c>--escalate</c> or <c>--agent &lt;target&gt;</c>): the request escalates as <c>requested</c>.</summary>
    public bool EscalationRequested { get; init; }

    /// <summary>
    /// Who is asking; tools marked personal only return this user's own records (or more, for the roles
    /// their policy names). Null means anonymous: no personal data.
    /// </summary>
    public CallerIdentity? Caller { get; init; }

    /// <summary>The tenant budgets, the cache and the cloud-safe memory are kept under: <see cref="Tenant"/>, else the caller's.</summary>
    internal string? ResolvedTenant => Tenant ?? Caller?.Tenant;

    /// <summary>The caller with <see cref="Tenant"/> filled in when the identity does not name one; anonymous when unset.</summary>
    internal CallerIdentity ResolvedCaller =>
        Caller is { } caller ? caller.Tenant is null && Tenant is not null ? caller with { Tenant = Tenant } : caller
        : Tenant is null ? CallerIdentity.Anonymous : new CallerIdentity(null, Tenant);
}
