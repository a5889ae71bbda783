using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>The SDK transport for a configured server: a child process over stdio, or streamable HTTP.</summary>
internal static class McpTransports
{
    public static IClientTransport Create(McpServerConfig config, McpConnectOptions options, ILogger logger)
    {
        if (config.Command is { } command)
        {
            return new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = config.Name,
                    Command = command,
                    Arguments = [.. config.Args],
                    WorkingDirectory = options.WorkingDirectory,
                    EnvironmentVariables = StdioEnvironment(config, options),
                    ShutdownTimeout = TimeSpan.FromSeconds(Math.Min(config.TimeoutSeconds, 5)),
                    StandardErrorLines = line => McpLog.StandardError(logger, config.Name, line),
                },
                McpTransportLoggerFactory.Wrap(options.LoggerFactory));
        }

        return new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Name = config.Name,
                Endpoint = config.Url ?? throw new ArgumentException($"MCP server '{config.Name}' has neither command nor url.", nameof(config)),
                TransportMode = HttpTransportMode.StreamableHttp,
                ConnectionTimeout = TimeSpan.FromSeconds(config.TimeoutSeconds),
                AdditionalHeaders = Expand(config, config.Headers, options, "header").ToDictionary(h => h.Key, h => h.Value ?? "", StringComparer.OrdinalIgnoreCase),
                MaxReconnectionAttempts = 0,
            },
            options.LoggerFactory);
    }

    /// <summary>The server's own <c>env:</c>, and every withheld variable it does not set blanked, so the child cannot inherit it.</summary>
    private static Dictionary<string, string?> StdioEnvironment(McpServerConfig config, McpConnectOptions options)
    {
        var environment = Expand(config, config.Env, options, "env");
        foreach (var name in McpWithheldEnvironment.For(config, options.WithheldEnvironment))
        {
            // Empty rather than removed: the SDK copies these over the inherited block and cannot remove one.
            environment[name] = "";
        }

        return environment;
    }

    /// <summary>Expands <c>${NAME}</c> references; a missing variable fails this server's start with a message naming it.</summary>
    private static Dictionary<string, string?> Expand(McpServerConfig config, IReadOnlyDictionary<string, string> values, McpConnectOptions options, string kind)
    {
        var expanded = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            expanded[name] = HeaderEnvReference.TryExpand(value, options.Environment, out var missing)
                ?? throw new ToolUnavailableException($"MCP server '{config.Name}' is unavailable: {kind} '{name}' needs the environment variable {missing}, which is not set");
        }

        return expanded;
    }
}
