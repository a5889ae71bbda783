namespace Orchestrator.Configuration;

/// <summary>
/// <c>server.stored_responses</c>: the Responses API keeps each answered conversation in this process's memory so a
/// client can continue it with <c>previous_response_id</c>. Off unless the section is present.
/// </summary>
public sealed class StoredResponsesConfig
{
    public const int DefaultTtlSeconds = 3600;
    public const long DefaultMaxChars = 20_000_000;

    /// <summary>How long a response can be continued (1 to 86,400 s, default 3,600).</summary>
    public int TtlSeconds { get; init; } = DefaultTtlSeconds;

    /// <summary>The characters of all kept conversations together (default 20,000,000, about 40 MB); the oldest go first.</summary>
    public long MaxChars { get; init; } = DefaultMaxChars;
}
