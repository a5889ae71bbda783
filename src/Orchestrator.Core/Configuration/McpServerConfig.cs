namespace Orchestrator.Configuration;

/// <summary>
/// One server under <c>mcp_servers:</c> whose tools agents may call: a local process spoken to over
/// stdio (<see cref="Command"/>) or a streamable HTTP endpoint (<see cref="Url"/>), never both.
/// </summary>
public sealed class McpServerConfig
{
    public const double DefaultTimeoutSeconds = 10;

    public required string Name { get; init; }

    /// <summary>stdio: the program to start, e.g. <c>dotnet</c> or <c>npx</c>; no shell is involved.</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>stdio: variables set for the process; values may hold <c>${NAME}</c> references, expanded at start-up.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>HTTP: the streamable HTTP endpoint, e.g. http://127.0.0.1:7001/mcp.</summary>
    public Uri? Url { get; init; }

    /// <summary>HTTP: headers sent with every request; values may hold <c>${NAME}</c> references, expanded at start-up.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Limit for connecting (start, handshake, tool list) and for each tool call.</summary>
    public double TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    public bool IsStdio => Command is not null;
}
