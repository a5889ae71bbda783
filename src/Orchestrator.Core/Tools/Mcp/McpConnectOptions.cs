using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Tools.Mcp;

/// <summary>How MCP servers are reached: logging, where <c>${NAME}</c> values come from, where stdio servers start.</summary>
public sealed class McpConnectOptions
{
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Looks up environment variables for <c>${NAME}</c> in env and header values; the process environment by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Variables a stdio server does not inherit from this process (set empty unless its own <c>env:</c>
    /// sets them): the ones the configuration names as secrets, see <see cref="McpWithheldEnvironment"/>.
    /// </summary>
    internal IReadOnlyCollection<string> WithheldEnvironment { get; init; } = [];

    /// <summary>The folder stdio servers start in (relative paths in args resolve there): the configuration's folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// After a server's connection is lost (a stdio process exits, an HTTP server restarts) the next
    /// call reconnects; a failed reconnect is not tried again before this interval has passed, so a
    /// server that stays down costs callers one quick error each instead of a connect timeout each.
    /// </summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A server unavailable at warm-up (a sidecar that starts after the host, an HTTP service in the
    /// middle of a deploy) is tried again in the background after this interval, which doubles after
    /// each failed try up to <see cref="UnavailableRetryMaxInterval"/>, until it connects and its tools
    /// are registered, or the <see cref="McpToolSource"/> is disposed. <see cref="TimeSpan.Zero"/> turns
    /// the retries off (the server then stays unavailable until the host restarts).
    /// </summary>
    public TimeSpan UnavailableRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between background tries of a server unavailable at warm-up.</summary>
    public TimeSpan UnavailableRetryMaxInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a server's <c>notifications/tools/list_changed</c> is let settle before its tool list is
    /// read again: notifications within it are one re-read, so a server that announces changes in a
    /// tight loop is read at most once per this interval. <see cref="TimeSpan.Zero"/> reads at once
    /// (still one read at a time per server).
    /// </summary>
    public TimeSpan ToolListRefreshDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A server that does not declare <c>tools.listChanged</c> never announces a change (the SDK's own
    /// streamable HTTP server on protocol revision 2026-07-28 is one), so its tool list is read again on
    /// this interval instead. <see cref="TimeSpan.Zero"/> turns it off (its list is then read again only
    /// when it reconnects).
    /// </summary>
    public TimeSpan ToolListPollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The clock for <see cref="ReconnectInterval"/>, <see cref="UnavailableRetryInterval"/>, <see cref="ToolListRefreshDelay"/>,
    /// <see cref="ToolListPollInterval"/> and a tool call's <c>timeout_seconds</c>; tests use a fake one. Connecting (start,
    /// handshake, tool list) is bounded on real time, as that bound also gives up on an attempt that blocked its thread.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
