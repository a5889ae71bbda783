using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// One connected MCP server: the client, the tools it listed (malformed ones skipped, with reasons)
/// and calls to them, each bounded by the server's <c>timeout_seconds</c>. Failures become
/// exceptions whose messages name the server and are safe to show.
/// </summary>
public sealed class McpServerConnection : IAsyncDisposable
{
    /// <summary>Pages of tools/list read at most; a server that keeps paging is cut off there.</summary>
    public const int MaxPages = 20;

    private readonly McpClient _client;
    private readonly ILogger _logger;

    private McpServerConnection(McpServerConfig config, McpClient client, ILogger logger)
    {
        Config = config;
        _client = client;
        _logger = logger;
    }

    public McpServerConfig Config { get; }

    public string Name => Config.Name;

    public IReadOnlyList<McpListedTool> Tools { get; private set; } = [];

    /// <summary>Tools the server listed that cannot be used, each with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; private set; } = [];

    private TimeSpan Timeout => TimeSpan.FromSeconds(Config.TimeoutSeconds);

    /// <summary>Starts or reaches the server, completes the handshake and lists its tools, all within the timeout.</summary>
    /// <exception cref="ToolUnavailableException">The server could not be reached, timed out or answered nonsense.</exception>
    public static async Task<McpServerConnection> ConnectAsync(McpServerConfig config, McpConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.LoggerFactory.CreateLogger<McpServerConnection>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(config.TimeoutSeconds));
        McpClient? client = null;
        try
        {
            var transport = McpTransports.Create(config, options, logger);
            client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions { InitializationTimeout = TimeSpan.FromSeconds(config.TimeoutSeconds) },
                options.LoggerFactory,
                timeout.Token).ConfigureAwait(false);
            var connection = new McpServerConnection(config, client, logger);
            await connection.ListToolsAsync(timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw ex as ToolUnavailableException ?? new ToolUnavailableException($"MCP server '{config.Name}' is unavailable: {Describe(ex, config, "connecting")}", ex);
        }
    }

    /// <summary>Calls one tool with already-validated arguments; an error result becomes a <see cref="ToolArgumentException"/> carrying the server's text.</summary>
    public async Task<string> CallAsync(string mcpName, JsonElement arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        CallToolResult result;
        try
        {
            result = await _client.CallToolAsync(mcpName, values, progress: null, options: null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            McpLog.CallFailed(_logger, Name, mcpName, ex);
            // The caller (and through tool_calls the end user) gets the public reason; the log has the rest.
            throw new ToolUnavailableException($"MCP server '{Name}' could not run '{mcpName}': {PublicReason(ex, Config, "calling the tool")}", ex);
        }

        var text = McpResultText.From(result);
        if (result.IsError == true)
        {
            throw new ToolArgumentException(text.Length > 0 ? text : $"'{mcpName}' on MCP server '{Name}' reported an error without details");
        }

        return text;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>tools/list read raw, page by page, so one tool with a broken schema is skipped instead of failing the whole list.</summary>
    private async Task ListToolsAsync(CancellationToken cancellationToken)
    {
        var tools = new List<McpListedTool>();
        var skipped = new List<string>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor },
            };
            var response = await _client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Result is not JsonObject result || result["tools"] is not JsonArray listed)
            {
                throw new ToolUnavailableException($"MCP server '{Name}' is unavailable: its tools/list answer has no list of tools");
            }

            foreach (var node in listed)
            {
                if (Read(node, out var problem) is { } tool)
                {
                    tools.Add(tool);
                }
                else
                {
                    skipped.Add(problem);
                }
            }

            cursor = result["nextCursor"] is JsonValue next && next.GetValueKind() == JsonValueKind.String ? next.GetValue<string>() : null;
            if (cursor is null)
            {
                break;
            }
        }

        Tools = tools;
        Skipped = skipped;
    }

    private McpListedTool? Read(JsonNode? node, out string problem)
    {
        var name = node is JsonObject o && o["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = $"MCP server '{Name}' listed a tool without a name; it was skipped";
            return null;
        }

        var shown = name.Length <= 80 ? name : name[..80] + "...";
        if (McpToolSchema.Read(node!["inputSchema"], out var schemaProblem) is not { } schema)
        {
            problem = $"MCP server '{Name}': tool '{shown}' {schemaProblem}; it was skipped";
            return null;
        }

        problem = "";
        var description = node!["description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : null;
        var readOnly = node!["annotations"] is JsonObject annotations && annotations["readOnlyHint"] is JsonValue hint
            && hint.GetValueKind() == JsonValueKind.True;
        return new McpListedTool(name, description, schema) { ReadOnly = readOnly };
    }

    /// <summary>What an end user may see: no URLs, commands, paths or remote error text (operator details).</summary>
    private static string PublicReason(Exception ex, McpServerConfig config, string doing) => ex switch
    {
        OperationCanceledException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {config.TimeoutSeconds:0.###} s while {doing}"),
        McpProtocolException protocol => $"the server answered with error {protocol.ErrorCode}",
        JsonException => $"it sent malformed JSON while {doing}",
        _ => $"the server could not be reached while {doing}",
    };

    /// <summary>A short, safe reason for the operator: what went wrong, never a stack trace.</summary>
    private static string Describe(Exception ex, McpServerConfig config, string doing) => ex switch
    {
        OperationCanceledException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {config.TimeoutSeconds:0.###} s while {doing} (timeout_seconds)"),
        HttpRequestException http => $"HTTP request to {config.Url} failed ({http.HttpRequestError}: {http.Message})",
        McpProtocolException protocol => $"the server answered with error {protocol.ErrorCode}: {protocol.Message}",
        System.ComponentModel.Win32Exception start => $"could not start '{config.Command}': {start.Message}",
        IOException when config.IsStdio => $"the process '{config.Command}' exited or closed its output while {doing}",
        IOException => $"the connection closed while {doing}",
        JsonException => $"it sent malformed JSON while {doing}",
        _ => ex.Message,
    };
}
