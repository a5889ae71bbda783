using YamlDotNet.RepresentationModel;

namespace Orchestrator.Configuration;

/// <summary>
/// Reads <c>mcp_servers:</c>: named Model Context Protocol servers whose tools agents may list.
/// Each is either <c>{ command, args, env }</c> (stdio) or <c>{ url, headers }</c> (streamable HTTP),
/// with an optional <c>timeout_seconds</c>. Nothing is started here: config validation never runs a server.
/// </summary>
internal static class McpServersSection
{
    public const int MaxServers = 64;
    public const int MaxArgs = 256;
    public const int MaxTextLength = 4096;
    public const double MaxTimeoutSeconds = 600;

    private const string StdioExample = "{ command: dotnet, args: [ tools/server.dll ] }";
    private const string HttpExample = "{ url: http://127.0.0.1:7001/mcp }";

    private static readonly string[] Fields = ["command", "args", "env", "url", "headers", "timeout_seconds"];

    /// <summary>The servers by name; empty when the section is absent, null when it is broken (references are then not checked).</summary>
    public static Dictionary<string, McpServerConfig>? Read(YamlFields root)
    {
        var entries = root.NamedEntries("mcp_servers", $"server settings, e.g. orders: {HttpExample}");
        if (entries is null)
        {
            return root.Has("mcp_servers") ? null : new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        }

        if (entries.Count > MaxServers)
        {
            root.Error(root.KeyAt("mcp_servers"), $"'mcp_servers' declares {entries.Count} servers; expected at most {MaxServers}");
            return null;
        }

        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            if (!OrchestratorFileParser.NamePattern().IsMatch(name.Value) || name.Value.Length > AgentFileParser.MaxNameLength)
            {
                root.Error(name.At, $"MCP server name '{Shorten(name.Value)}' is invalid; expected 1 to {AgentFileParser.MaxNameLength} letters, digits, '-' and '_', e.g. orders");
            }
            else if (value is not YamlMappingNode map)
            {
                root.Error(value.Start, $"MCP server '{name.Value}' must be a mapping, e.g. {StdioExample} or {HttpExample}; found {YamlShape.Describe(value)}");
            }
            else if (ReadServer(new YamlFields(map, root.File, $"mcp_servers.{name.Value}", Fields, root.Diagnostics, name.At), name.Value) is { } server)
            {
                servers[name.Value] = server;
            }
        }

        return servers;
    }

    private static McpServerConfig? ReadServer(YamlFields fields, string name)
    {
        var command = fields.Text("command", expected: "the program that runs the server over stdio, e.g. dotnet or npx");
        var url = fields.Text("url", expected: $"the server's streamable HTTP endpoint, e.g. {HttpExample}");
        var ok = CheckTransport(fields, name, command, url);
        if (command is { } c && (c.Value.Length > MaxTextLength || c.Value.Any(char.IsControl)))
        {
            fields.Error(c.At, $"'command' must be a program name or path of at most {MaxTextLength:N0} characters without control characters");
            ok = false;
        }

        var args = fields.TextList("args", expected: "a list of command-line arguments, e.g. [ tools/server.dll ]") ?? [];
        if (args.Count > MaxArgs || args.Any(a => a.Value.Length > MaxTextLength || a.Value.Contains('\0', StringComparison.Ordinal)))
        {
            fields.Error(fields.At("args"), $"'args' must hold at most {MaxArgs} arguments of at most {MaxTextLength:N0} characters each, without NUL characters");
            ok = false;
        }

        var env = ModelsSection.ReadEnvBackedValues(fields, "env", "env", ModelsSection.EnvironmentVariableName(), "expected a NAME like MY_SETTING", "variables for the server process, e.g. env: { TOKEN: \"${MY_TOKEN}\" }");
        var headers = ModelsSection.ReadHeaders(fields);
        var uri = ParseUrl(fields, url);
        foreach (var (field, transport) in new[] { ("args", "command"), ("env", "command"), ("headers", "url") })
        {
            if (fields.Has(field) && !fields.Has(transport))
            {
                fields.Error(fields.KeyAt(field), $"'{field}' in mcp_servers.{name} applies only to a server with '{transport}'");
            }
        }

        var timeout = fields.Number("timeout_seconds", 0.001);
        if (timeout > MaxTimeoutSeconds)
        {
            fields.Error(fields.At("timeout_seconds"), $"'timeout_seconds' is {timeout}; expected a number of seconds from 0.001 to {MaxTimeoutSeconds}");
            ok = false;
        }

        return ok && (command is not null || uri is not null)
            ? new McpServerConfig
            {
                Name = name,
                Command = command?.Value,
                Args = [.. args.Select(a => a.Value)],
                Env = env,
                Url = uri,
                Headers = headers,
                TimeoutSeconds = timeout ?? McpServerConfig.DefaultTimeoutSeconds,
            }
            : null;
    }

    private static bool CheckTransport(YamlFields fields, string name, Located? command, Located? url)
    {
        if (command is not null && url is not null)
        {
            fields.Error(fields.KeyAt("url"), $"MCP server '{name}' has both 'command' and 'url'; expected one: 'command' for a local stdio server, 'url' for an HTTP server");
            return false;
        }

        if (command is null && url is null && !fields.Has("command") && !fields.Has("url"))
        {
            fields.Error(fields.Start, $"MCP server '{name}' needs 'command' (stdio, e.g. {StdioExample}) or 'url' (HTTP, e.g. {HttpExample})");
            return false;
        }

        return true;
    }

    private static Uri? ParseUrl(YamlFields fields, Located? url)
    {
        if (url is not { } u)
        {
            return null;
        }

        if (u.Value.Length > MaxTextLength || !Uri.TryCreate(u.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            fields.Error(u.At, $"url '{Shorten(u.Value)}' is not an absolute http(s) URL; expected the streamable HTTP endpoint, e.g. http://127.0.0.1:7001/mcp");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            // The message never repeats the URL: its user info is a credential.
            fields.Error(u.At, "url must not carry a user name or password; send credentials in headers, e.g. headers: { Authorization: \"Bearer ${ORDERS_TOKEN}\" }");
            return null;
        }

        return uri;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "...";
}
