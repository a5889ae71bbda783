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

    /// <summary>
    /// Names this memory of used proposals when it ends with the process (a restart forgets which were used): proposals
    /// signed under another one are refused as expired, since whether they were used cannot be told. Null for a store that
    /// outlives the process and is shared by replicas (Redis).
    /// </summary>
    string? Epoch { get; }
}
