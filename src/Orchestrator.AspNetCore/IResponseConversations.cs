using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Where the conversations behind <c>previous_response_id</c> are kept (<c>server.stored_responses</c>): this
/// process's memory, or the <c>state:</c> Redis server when replicas share state, so a next turn may reach any replica.
/// </summary>
internal interface IResponseConversations
{
    /// <summary>Whether <c>server.stored_responses</c> is set at all.</summary>
    bool Enabled { get; }

    /// <summary>Where entries live, for the "not known here" message: said to clients, so it names no server.</summary>
    string Where { get; }

    /// <summary>Keeps <paramref name="turns"/> under <paramref name="id"/> for <paramref name="owner"/>; never throws for an unreachable store (the reply is already sent).</summary>
    ValueTask KeepAsync(string id, string owner, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken);

    /// <summary>The kept conversation, or null when unknown, expired, too large to keep or another caller's; an unreachable store is a 503 <see cref="ApiException"/>.</summary>
    ValueTask<IReadOnlyList<ConversationTurn>?> FindAsync(string id, string owner, CancellationToken cancellationToken);
}
