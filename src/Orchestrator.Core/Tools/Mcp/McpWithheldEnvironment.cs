using System.Text.RegularExpressions;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// The environment variables a stdio MCP server must not inherit: those the configuration names as
/// holding secrets (every model's <c>api_key_env</c> and header references, the store's
/// <c>api_key_env</c>, <c>state.connection_env</c>, <c>tool_confirmation.secret_env</c>, and the
/// variables any MCP server's <c>env:</c> or <c>headers:</c> refer to). A child process inherits its
/// parent's whole environment, so without this every MCP server (often a third-party package) would
/// get the cloud API key, the Redis password and the signing secret of confirmations.
/// </summary>
internal static partial class McpWithheldEnvironment
{
    public static IReadOnlyCollection<string> Names(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var model in config.Models.Values)
        {
            Add(names, model.ApiKeyEnv);
            AddReferences(names, model.Headers.Values);
        }

        Add(names, config.Store.ApiKeyEnv);
        Add(names, config.State.ConnectionEnv);
        Add(names, config.ToolConfirmation.SecretEnv);
        foreach (var server in config.McpServers.Values)
        {
            AddReferences(names, server.Env.Values);
            AddReferences(names, server.Headers.Values);
        }

        return names;
    }

    /// <summary>
    /// The variables to blank for one server: the withheld names, except those its own <c>env:</c> sets
    /// (an operator who writes <c>env: { OPENAI_API_KEY: "${OPENAI_API_KEY}" }</c> gives it on purpose).
    /// </summary>
    public static IEnumerable<string> For(McpServerConfig server, IReadOnlyCollection<string> withheld) =>
        withheld.Where(name => !server.Env.ContainsKey(name));

    private static void Add(SortedSet<string> names, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            names.Add(name);
        }
    }

    private static void AddReferences(SortedSet<string> names, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            foreach (Match match in Reference().Matches(value))
            {
                names.Add(match.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
