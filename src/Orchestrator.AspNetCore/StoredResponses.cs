using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The conversations behind answered Responses API replies, kept in this process's memory for
/// <c>previous_response_id</c> (<c>server.stored_responses</c>). Bounded twice: each entry expires after
/// <c>ttl_seconds</c>, and all entries together hold at most <c>max_chars</c> characters (the oldest go first).
/// An entry belongs to the caller that made it (API key, tenant and user); anyone else is told it is unknown.
/// </summary>
internal sealed class StoredResponses(ServeSettings settings, TimeProvider time) : IResponseConversations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Insertion order, which is also expiry order: every entry lives the same ttl_seconds.
    private readonly LinkedList<string> _order = new();
    private long _chars;

    public bool Enabled => settings.Server.StoredResponses is not null;

    public string Where => "in the memory of the process that answered them";

    public ValueTask KeepAsync(string id, string owner, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken)
    {
        Keep(id, owner, turns);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ConversationTurn>?> FindAsync(string id, string owner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Find(id, owner));

    /// <summary>Keeps <paramref name="turns"/> under <paramref name="id"/> for <paramref name="owner"/>; a conversation larger than the whole budget is not kept.</summary>
    public void Keep(string id, string owner, IReadOnlyList<ConversationTurn> turns)
    {
        if (settings.Server.StoredResponses is not { } config)
        {
            return;
        }

        var chars = turns.Sum(t => (long)t.Text.Length);
        if (chars > config.MaxChars)
        {
            return;
        }

        lock (_lock)
        {
            var now = time.GetUtcNow();
            DropExpired(now);
            while (_chars + chars > config.MaxChars && _order.First is { } oldest)
            {
                Remove(oldest.Value);
            }

            var node = _order.AddLast(id);
            _entries[id] = new Entry(owner, turns, now.AddSeconds(config.TtlSeconds), chars, node);
            _chars += chars;
        }
    }

    /// <summary>The kept conversation, or null when the id is unknown, expired, evicted or another caller's.</summary>
    public IReadOnlyList<ConversationTurn>? Find(string id, string owner)
    {
        lock (_lock)
        {
            DropExpired(time.GetUtcNow());
            return _entries.TryGetValue(id, out var entry) && string.Equals(entry.Owner, owner, StringComparison.Ordinal) ? entry.Turns : null;
        }
    }

    /// <summary>Who may continue a response: the API key's name, the tenant and the caller's user, as the request carried them.</summary>
    public static string Owner(string? keyName, OrchestratorRequest request) =>
        string.Join('\n', keyName ?? "", request.Tenant ?? "", request.Caller?.UserId ?? "");

    private void DropExpired(DateTimeOffset now)
    {
        while (_order.First is { } oldest && _entries[oldest.Value].Expires <= now)
        {
            Remove(oldest.Value);
        }
    }

    private void Remove(string id)
    {
        var entry = _entries[id];
        _entries.Remove(id);
        _order.Remove(entry.Node);
        _chars -= entry.Chars;
    }

    private sealed record Entry(string Owner, IReadOnlyList<ConversationTurn> Turns, DateTimeOffset Expires, long Chars, LinkedListNode<string> Node);
}
