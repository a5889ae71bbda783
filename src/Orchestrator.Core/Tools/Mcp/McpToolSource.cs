using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// The tools of every server under <c>mcp_servers:</c>, registered into a <see cref="ToolRegistry"/>.
/// Servers connect in parallel, each within its own timeout. A server that fails (does not start,
/// is down, too slow, answers nonsense) is a warning naming it, never a failed start-up: its tools
/// are missing and agents that need them get a clear error while every other agent keeps working,
/// and it is tried again in the background (<see cref="McpConnectOptions.UnavailableRetryInterval"/>)
/// until it connects, when its tools are registered as at warm-up. Tools run through
/// <see cref="ToolExecutor"/> like every other tool, so arguments are validated against the server's
/// inputSchema before the server sees them. A connected server's tool list is followed while it runs:
/// on <c>notifications/tools/list_changed</c> (debounced by <see cref="McpConnectOptions.ToolListRefreshDelay"/>)
/// and after every reconnect its registered tools become its current list (<see cref="McpToolRegistration"/>).
/// Disposing stops the retries and the list watchers and closes every client.
/// </summary>
public sealed partial class McpToolSource : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private readonly List<McpServerConnection> _connections = [];
    private readonly List<string> _warnings = [];
    private readonly List<Task> _background = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ToolRegistry _registry;
    private readonly McpConnectOptions _options;
    private readonly ILogger _logger;
    private bool _disposed;
    private int _retryWaits;
    private int _toolListUpdates;
    private int _toolListSettles;
    private int _toolListPolls;

    /// <summary>Distinct warnings kept (and logged); a server that keeps changing its list cannot grow them without bound.</summary>
    public const int MaxWarnings = 200;

    private McpToolSource(ToolRegistry registry, McpConnectOptions options, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _logger = logger;
    }

    /// <summary>One line per problem: servers unavailable, tools skipped, agents left without a listed tool.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_sync)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>The connected servers: those of warm-up, then any that joined later.</summary>
    public IReadOnlyList<McpServerConnection> Connections
    {
        get
        {
            lock (_sync)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>How many background waits before a retry have begun (the timer is set by then); tests step a fake clock by it.</summary>
    internal int RetryWaits => Volatile.Read(ref _retryWaits);

    /// <summary>How many times a connected server's current tool list was applied to the registry after warm-up (notifications, reconnects); tests wait on it.</summary>
    internal int ToolListUpdates => Volatile.Read(ref _toolListUpdates);

    /// <summary>How many settling waits before a tool-list read have begun (the timer is set by then); tests step a fake clock by it.</summary>
    internal int ToolListSettles => Volatile.Read(ref _toolListSettles);

    /// <summary>How many polling waits have begun (the timer is set by then); tests step a fake clock by it.</summary>
    internal int ToolListPolls => Volatile.Read(ref _toolListPolls);

    /// <summary>Connects the configured servers, registers their tools and checks that every agent's tools resolve.</summary>
    public static Task<McpToolSource> ConnectAsync(OrchestratorConfig config, ToolRegistry registry, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default) =>
        ConnectAsync(config, registry, loggerFactory, TimeProvider.System, cancellationToken);

    /// <summary>As above, with the clock that spaces reconnect attempts and the retries of servers unavailable at warm-up.</summary>
    public static async Task<McpToolSource> ConnectAsync(OrchestratorConfig config, ToolRegistry registry, ILoggerFactory loggerFactory, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var source = await ConnectAsync(
            config.McpServers.Values,
            registry,
            new McpConnectOptions
            {
                LoggerFactory = loggerFactory,
                WorkingDirectory = config.BaseDirectory,
                TimeProvider = timeProvider,
                WithheldEnvironment = McpWithheldEnvironment.Names(config),
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var agent in config.Agents.Where(a => a.Kind == AgentKind.Tool))
        {
            foreach (var tool in agent.Tools.Where(t => registry.ForAgent([t]).Count == 0))
            {
                var reasons = registry.UnavailableReasons([tool]);
                source.Warn($"agent '{agent.Name}' lists tool '{tool}', which no MCP server provides{(reasons.Count > 0 ? ": " + string.Join(" ", reasons) : "")}");
            }
        }

        return source;
    }

    public static async Task<McpToolSource> ConnectAsync(IEnumerable<McpServerConfig> servers, ToolRegistry registry, McpConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var source = new McpToolSource(registry, options, options.LoggerFactory.CreateLogger<McpToolSource>());
        var list = servers.ToList();
        var attempts = list.Select(s => TryConnectAsync(s, options, cancellationToken)).ToList();
        await Task.WhenAll(attempts).ConfigureAwait(false);
        var unavailable = new List<McpServerConfig>();
        for (var i = 0; i < list.Count; i++)
        {
            var (connection, error) = await attempts[i].ConfigureAwait(false);
            if (connection is null)
            {
                // What tool calls and answers say: the server's name only. The detail (a missing
                // environment variable, a URL, a command) is operator information: log and warning.
                registry.MarkUnavailable(McpToolReference.ForServer(list[i].Name), $"MCP server '{list[i].Name}' is unavailable (the operator log has the details).");
                McpLog.Unavailable(source._logger, error!.Message, error.InnerException);
                source.KeepWarning(error.Message);

                unavailable.Add(list[i]);
                continue;
            }

            source.Add(connection);
            McpLog.Connected(source._logger, connection.Name, connection.Tools.Count);
        }

        source.StartRetries(unavailable);
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] background;
        lock (_sync)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).ConfigureAwait(false);
        _stop.Dispose();
        foreach (var connection in Connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        lock (_sync)
        {
            _connections.Clear();
        }
    }

    private static async Task<(McpServerConnection? Connection, ToolUnavailableException? Error)> TryConnectAsync(McpServerConfig server, McpConnectOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return (await McpServerConnection.ConnectAsync(server, options, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ToolUnavailableException ex)
        {
            return (null, ex);
        }
    }

    private void Warn(string warning)
    {
        if (KeepWarning(warning))
        {
            McpLog.Unavailable(_logger, warning, null);
        }
    }

    /// <summary>Keeps a warning unless it is already kept or <see cref="MaxWarnings"/> are; true when kept.</summary>
    private bool KeepWarning(string warning)
    {
        lock (_sync)
        {
            if (_warnings.Count >= MaxWarnings || _warnings.Contains(warning))
            {
                return false;
            }

            _warnings.Add(warning);
            return true;
        }
    }

    /// <summary>
    /// Registers the connection's tools, then keeps it and starts following its tool list; false once the source is disposed.
    /// The tools and warnings are in place before the connection is listed in <see cref="Connections"/>: whoever sees a server
    /// there (a readiness check, a test waiting for a late join) can call its tools at once.
    /// </summary>
    private bool Add(McpServerConnection connection)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return false;
            }
        }

        Apply(connection, initial: true);
        lock (_sync)
        {
            if (_disposed)
            {
                return false;
            }

            _connections.Add(connection);
            var stop = _stop.Token;
            _background.Add(Task.Run(() => FollowToolListAsync(connection, stop)));
            if (_options.ToolListPollInterval > TimeSpan.Zero)
            {
                _background.Add(Task.Run(() => PollToolListAsync(connection, stop)));
            }
        }

        return true;
    }

    private void StartRetries(List<McpServerConfig> unavailable)
    {
        if (_options.UnavailableRetryInterval <= TimeSpan.Zero)
        {
            return;
        }

        foreach (var server in unavailable)
        {
            _background.Add(RetryUntilConnectedAsync(server, _stop.Token));
        }
    }

    /// <summary>Tries a server that was unavailable at warm-up again, waiting longer after each failure, until it connects or the source is disposed.</summary>
    private async Task RetryUntilConnectedAsync(McpServerConfig server, CancellationToken stop)
    {
        var delay = _options.UnavailableRetryInterval;
        var longest = _options.UnavailableRetryMaxInterval > delay ? _options.UnavailableRetryMaxInterval : delay;
        try
        {
            while (true)
            {
                var wait = Task.Delay(delay, _options.TimeProvider, stop);
                Interlocked.Increment(ref _retryWaits);
                await wait.ConfigureAwait(false);
                McpServerConnection connection;
                try
                {
                    connection = await McpServerConnection.ConnectAsync(server, _options, stop).ConfigureAwait(false);
                }
                catch (ToolUnavailableException ex)
                {
                    delay = delay >= longest / 2 ? longest : delay * 2;
                    McpLog.StillUnavailable(_logger, server.Name, delay, ex.Message, ex.InnerException);
                    continue;
                }

                if (!Add(connection))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return;
                }

                McpLog.Joined(_logger, connection.Name, connection.Tools.Count);
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the retries end quietly.
        }
        catch (Exception ex)
        {
            // Nothing awaits this loop but DisposeAsync: an unexpected failure ends the retries with a log entry, never an exception there.
            McpLog.Unavailable(_logger, $"MCP server '{server.Name}': retrying stopped after an unexpected error; it stays unavailable until the host restarts", ex);
        }
    }
}
