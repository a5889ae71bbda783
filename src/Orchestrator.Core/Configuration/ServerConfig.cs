namespace Orchestrator.Configuration;

/// <summary>Settings of <c>orchestrator serve</c> (<c>server:</c>). Ignored by the other commands.</summary>
public sealed class ServerConfig
{
    public const long DefaultMaxBodyBytes = 1_048_576;
    public const int DefaultMaxMessages = 64;
    public const int DefaultMaxMessageChars = 32_000;

    /// <summary>Accepted API keys, stored only as SHA-256 hashes. Empty means no authentication (loopback only).</summary>
    public IReadOnlyList<ApiKeyConfig> ApiKeys { get; init; } = [];

    /// <summary>Per-key request rate; null means unlimited.</summary>
    public RateLimitConfig? RateLimit { get; init; }

    /// <summary>
    /// Failed authentications per client address (<c>server.failed_auth</c>): a token bucket like
    /// <see cref="RateLimit"/>; an address that used it up gets 429 for every request until it refills.
    /// On by default whenever API keys are configured.
    /// </summary>
    public RateLimitConfig FailedAuth { get; init; } = new() { RequestsPerMinute = 10, Burst = 10 };

    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Most messages in one chat request (history included).</summary>
    public int MaxMessages { get; init; } = DefaultMaxMessages;

    /// <summary>Longest earlier message (history); the latest user message is held to <c>limits.max_input_chars</c>.</summary>
    public int MaxMessageChars { get; init; } = DefaultMaxMessageChars;

    /// <summary>
    /// Seconds <c>orchestrator serve</c> keeps serving after SIGTERM with <c>/readyz</c> answering 503, so a
    /// load balancer stops sending before new connections are refused (<c>server.drain_seconds</c>, 0 to 300,
    /// default 0). In-flight requests then get the host's shutdown timeout on top.
    /// </summary>
    public int DrainSeconds { get; init; }

    /// <summary>Trusted identity headers set by a reverse proxy; null (the default) ignores such headers.</summary>
    public IdentityHeadersConfig? IdentityHeaders { get; init; }

    /// <summary>Responses kept for <c>previous_response_id</c> (<c>server.stored_responses</c>); null (the default) keeps none.</summary>
    public StoredResponsesConfig? StoredResponses { get; init; }
}

/// <summary>One accepted API key: the SHA-256 of the key (never the key itself) and who it belongs to.</summary>
public sealed class ApiKeyConfig
{
    /// <summary>The 32-byte SHA-256 digest of the key's UTF-8 bytes.</summary>
    public required ReadOnlyMemory<byte> Sha256 { get; init; }

    /// <summary>Passed to the pipeline as <c>OrchestratorRequest.Tenant</c> (budgets are kept per tenant).</summary>
    public required string Tenant { get; init; }

    /// <summary>Shown in logs and used as the rate-limit partition; defaults to the tenant.</summary>
    public required string Name { get; init; }

    /// <summary>The user this key acts for (<c>CallerIdentity.UserId</c>); null means the key's caller is anonymous to personal tools.</summary>
    public string? User { get; init; }

    /// <summary>Roles of the key's caller, e.g. <c>[hr]</c>, for tool policies.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The lowercase hex SHA-256 of <paramref name="key"/>'s UTF-8 bytes: what <c>server.api_keys</c> lists.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}

/// <summary>A token bucket per key: <see cref="Burst"/> requests at once, refilled at <see cref="RequestsPerMinute"/>.</summary>
public sealed class RateLimitConfig
{
    public required int RequestsPerMinute { get; init; }

    public required int Burst { get; init; }
}

/// <summary>Tracing export (<c>telemetry:</c>). The standard OTEL_EXPORTER_OTLP_ENDPOINT variable works too.</summary>
public sealed class TelemetryConfig
{
    /// <summary>OTLP endpoint for traces and metrics, e.g. http://localhost:4317; null disables export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    public string ServiceName { get; init; } = "orchestrator";
}

/// <summary>
/// Conversation stickiness (<c>router.stickiness</c>): a follow-up stays with the agent of the
/// previous turn unless the router is confident it belongs to another agent.
/// </summary>
public sealed class StickinessConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>How many earlier user turns are looked at (most recent first) to find the previous agent.</summary>
    public int MaxTurns { get; init; } = 3;

    /// <summary>Confidence a different agent needs for the conversation to switch to it.</summary>
    public double SwitchConfidence { get; init; } = 0.6;
}
