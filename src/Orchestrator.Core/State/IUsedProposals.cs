namespace Orchestrator.State;

/// <summary>
/// Which confirmation proposals were already used, so a second "yes" runs nothing. In this process's
/// memory by default; on the <c>state:</c> Redis server when replicas share the confirmation secret,
/// since a proposal signed with that secret is valid on every replica.
/// </summary>
internal interface IUsedProposals
{
    /// <summary>Marks <paramref name="nonce"/> used until <paramref name="expires"/>: true the first time, false once used, null when it cannot be told (the store is unreachable).</summary>
    bool? TryUse(string nonce, DateTimeOffset expires, DateTimeOffset now);
}
