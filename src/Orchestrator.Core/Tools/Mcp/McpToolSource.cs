using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// The tools of every server under <c>mcp_servers:</c>, registered into a <see cref="ToolRegistry"/>.
/// Servers connect in parallel, each within its own timeout. A server that fails (does not start,
/// is down, too slow, answers nonsense) is a warning naming it, never a failed start-up: its tools
/// are missing, agents that need them get a clear error, and every other agent keeps working.
/// Tools run through <see cref="ToolExecutor"/> like every other tool, so arguments are validated
/// against the server's inputSchema before the server sees them. Disposing closes every client.
/// </summary>
public sealed class McpToolSource : IAsyncDisposable
{
    private readonly List<McpServerConnection> _connections;
    private readonly List<string> _warnings;

    private McpToolSource(List<McpServerConnection> connections, List<string> warnings)
    {
        _connections = connections;
        _warnings = warnings;
    }

    /// <summary>One line per problem: servers unavailable, tools skipped, agents left without a listed tool.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<McpServerConnection> Connections => _connections;

    /// <summary>Connects the configured servers, registers their tools and checks that every agent's tools resolve.</summary>
    public static Task<McpToolSource> ConnectAsync(OrchestratorConfig config, ToolRegistry registry, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default) =>
        ConnectAsync(config, registry, loggerFactory, TimeProvider.System, cancellationToken);

    /// <summary>As above, with the clock that spaces reconnect attempts (<see cref="McpConnectOptions.ReconnectInterval"/>).</summary>
    public static async Task<McpToolSource> ConnectAsync(OrchestratorConfig config, ToolRegistry registry, ILoggerFactory loggerFactory, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var source = await ConnectAsync(
            config.McpServers.Values,
            registry,
            new McpConnectOptions { LoggerFactory = loggerFactory, WorkingDirectory = config.BaseDirectory, TimeProvider = timeProvider },
            cancellationToken).ConfigureAwait(false);
        var logger = loggerFactory.CreateLogger<McpToolSource>();
        foreach (var agent in config.Agents.Where(a => a.Kind == AgentKind.Tool))
        {
            foreach (var tool in agent.Tools.Where(t => registry.ForAgent([t]).Count == 0))
            {
                var reasons = registry.UnavailableReasons([tool]);
                var warning = $"agent '{agent.Name}' lists tool '{tool}', which no MCP server provides{(reasons.Count > 0 ? ": " + string.Join(" ", reasons) : "")}";
                McpLog.Unavailable(logger, warning, null);
                source._warnings.Add(warning);
            }
        }

        return source;
    }

    public static async Task<McpToolSource> ConnectAsync(IEnumerable<McpServerConfig> servers, ToolRegistry registry, McpConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.LoggerFactory.CreateLogger<McpToolSource>();
        var list = servers.ToList();
        var attempts = list.Select(s => TryConnectAsync(s, options, cancellationToken)).ToList();
        await Task.WhenAll(attempts).ConfigureAwait(false);
        var connections = new List<McpServerConnection>();
        var warnings = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var (connection, error) = await attempts[i].ConfigureAwait(false);
            var group = McpToolReference.ForServer(list[i].Name);
            if (connection is null)
            {
                // What tool calls and answers say: the server's name only. The detail (a missing
                // environment variable, a URL, a command) is operator information: log and warning.
                registry.MarkUnavailable(group, $"MCP server '{list[i].Name}' is unavailable (the operator log has the details).");
                McpLog.Unavailable(logger, error!.Message, error.InnerException);
                warnings.Add(error.Message);
                continue;
            }

            connections.Add(connection);
            McpLog.Connected(logger, connection.Name, connection.Tools.Count);
            foreach (var warning in connection.Skipped.Concat(Register(connection, registry)))
            {
                McpLog.Unavailable(logger, warning, null);
                warnings.Add(warning);
            }
        }

        return new McpToolSource(connections, warnings);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
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

    /// <summary>Registers each listed tool under its snake_case name (<see cref="McpToolNames"/>); returns why any were skipped.</summary>
    private static IEnumerable<string> Register(McpServerConnection connection, ToolRegistry registry)
    {
        var group = McpToolReference.ForServer(connection.Name);
        var skipped = new List<string>();
        foreach (var tool in connection.Tools)
        {
            var name = McpToolNames.Normalize(tool.McpName);
            if (name is null)
            {
                skipped.Add($"MCP server '{connection.Name}': tool '{tool.McpName}' has no usable name (it needs a letter first and at most {McpToolNames.MaxLength} characters); it was skipped");
                continue;
            }

            if (registry.Names.Contains(name))
            {
                skipped.Add($"MCP server '{connection.Name}': tool '{tool.McpName}' is registered as '{name}', which another tool already uses; it was skipped");
                continue;
            }

            var mcpName = tool.McpName;
            registry.Add(
                new ToolDescriptor
                {
                    Name = name,
                    Description = string.IsNullOrWhiteSpace(tool.Description) ? $"{mcpName} (from MCP server {connection.Name})" : tool.Description,
                    ParametersSchema = tool.InputSchema,
                    Invoke = (arguments, ct) => connection.CallAsync(mcpName, arguments, ct),

                    // MCP says a tool may change things unless it declares readOnlyHint; tools: in the config can override.
                    Policy = new ToolPolicy { SideEffects = !tool.ReadOnly },
                },
                group,
                alias: mcpName);
        }

        return skipped;
    }
}
