using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Orchestrator.Configuration;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// One connected MCP server: the client, the tools it listed (malformed ones skipped, with reasons)
/// and calls to them, each bounded by the server's <c>timeout_seconds</c>. Failures become
/// exceptions whose messages name the server and are safe to show.
/// </summary>
/// <remarks>
/// A server can go away after warm-up: a stdio process crashes, an HTTP server restarts and forgets
/// the session. The connection then reconnects (start, handshake, tool list) on the next call, one
/// caller at a time. A call whose connection failed under it is retried on the new connection only
/// when the server declared the tool read-only: a tool that may change things could have run before
/// the connection broke, and running it twice is worse than one clear error. A failed reconnect is
/// not tried again before <see cref="McpConnectOptions.ReconnectInterval"/>.
/// </remarks>
public sealed class McpServerConnection : IAsyncDisposable
{
    /// <summary>Pages of tools/list read at most; a server that keeps paging is cut off there.</summary>
    public const int MaxPages = 20;

    private readonly McpConnectOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private McpClient _client;
    private McpClient? _lostClient;
    private long? _reconnectFailedAt;

    private McpServerConnection(McpServerConfig config, McpConnectOptions options, McpClient client, ILogger logger)
    {
        Config = config;
        _options = options;
        _client = client;
        _logger = logger;
    }

    public McpServerConfig Config { get; }

    public string Name => Config.Name;

    /// <summary>The tools of the current connection (read again after a reconnect).</summary>
    public IReadOnlyList<McpListedTool> Tools { get; private set; } = [];

    /// <summary>Tools the server listed that cannot be used, each with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; private set; } = [];

    /// <summary>Whether the current connection is believed alive; false after it was lost, until a call reconnects.</summary>
    public bool IsConnected => !IsLost(Volatile.Read(ref _client));

    /// <summary>How many times the connection was re-established after it was lost.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Starts or reaches the server, completes the handshake and lists its tools, all within the timeout.</summary>
    /// <exception cref="ToolUnavailableException">The server could not be reached, timed out or answered nonsense.</exception>
    public static async Task<McpServerConnection> ConnectAsync(McpServerConfig config, McpConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.LoggerFactory.CreateLogger<McpServerConnection>();
        var (client, tools, skipped) = await OpenAsync(config, options, logger, cancellationToken).ConfigureAwait(false);
        return new McpServerConnection(config, options, client, logger) { Tools = tools, Skipped = skipped };
    }

    /// <summary>Calls one tool with already-validated arguments; an error result becomes a <see cref="ToolArgumentException"/> carrying the server's text.</summary>
    public async Task<string> CallAsync(string mcpName, JsonElement arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : [];
        var client = await UsableClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await McpToolCall.RunAsync(client, Config, mcpName, values, _logger, cancellationToken).ConfigureAwait(false);
        }
        catch (McpConnectionLostException lost)
        {
            MarkLost(client, lost.InnerException ?? lost);
            if (!Tools.Any(t => t.ReadOnly && string.Equals(t.McpName, mcpName, StringComparison.Ordinal)))
            {
                throw new ToolUnavailableException(
                    $"MCP server '{Name}' could not run '{mcpName}': the connection was lost during the call, and it was not retried because the tool may change things; the next call reconnects",
                    lost.InnerException ?? lost);
            }
        }

        client = await UsableClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await McpToolCall.RunAsync(client, Config, mcpName, values, _logger, cancellationToken).ConfigureAwait(false);
        }
        catch (McpConnectionLostException lost)
        {
            MarkLost(client, lost.InnerException ?? lost);
            throw new ToolUnavailableException($"MCP server '{Name}' could not run '{mcpName}': the connection was lost twice during the call", lost.InnerException ?? lost);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reconnectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _reconnectGate.Release();
            _reconnectGate.Dispose();
        }
    }

    private static async Task<(McpClient Client, IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> OpenAsync(
        McpServerConfig config, McpConnectOptions options, ILogger logger, CancellationToken cancellationToken)
    {
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
            var (tools, skipped) = await McpToolList.ReadAsync(client, config.Name, timeout.Token).ConfigureAwait(false);
            return (client, tools, skipped);
        }
        catch (Exception ex)
        {
            // Also when the caller cancels (a disposed source stopping its retries): a started stdio process must not outlive it.
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw ex as ToolUnavailableException ?? new ToolUnavailableException($"MCP server '{config.Name}' is unavailable: {McpFailureText.Operator(ex, config, "connecting")}", ex);
        }
    }

    private bool IsLost(McpClient client) => ReferenceEquals(Volatile.Read(ref _lostClient), client) || client.Completion.IsCompleted;

    private void MarkLost(McpClient client, Exception? cause)
    {
        if (Interlocked.Exchange(ref _lostClient, client) != client)
        {
            McpLog.ConnectionLost(_logger, Name, cause);
        }
    }

    /// <summary>The current client, or a new one when the current one's connection is gone (one caller reconnects, the rest wait for it).</summary>
    private async Task<McpClient> UsableClientAsync(CancellationToken cancellationToken)
    {
        var client = Volatile.Read(ref _client);
        if (!IsLost(client))
        {
            return client;
        }

        await _reconnectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            client = _client;
            if (!IsLost(client))
            {
                return client;
            }

            if (_reconnectFailedAt is { } failedAt && _options.TimeProvider.GetElapsedTime(failedAt) < _options.ReconnectInterval)
            {
                throw new ToolUnavailableException($"MCP server '{Name}' is unavailable: its connection was lost and reconnecting failed (the operator log has the details)");
            }

            McpClient fresh;
            try
            {
                (fresh, var tools, var skipped) = await OpenAsync(Config, _options, _logger, cancellationToken).ConfigureAwait(false);
                (Tools, Skipped) = (tools, skipped);
            }
            catch (ToolUnavailableException ex)
            {
                _reconnectFailedAt = _options.TimeProvider.GetTimestamp();
                McpLog.ReconnectFailed(_logger, Name, ex.Message, ex.InnerException);
                throw new ToolUnavailableException($"MCP server '{Name}' is unavailable: its connection was lost and reconnecting failed (the operator log has the details)", ex);
            }

            _reconnectFailedAt = null;
            Volatile.Write(ref _client, fresh);
            Reconnects++;
            McpLog.Reconnected(_logger, Name, Tools.Count);
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            _reconnectGate.Release();
        }
    }

    /// <summary>A lost client's disposal may fail on its broken transport; that changes nothing for the new one.</summary>
    private async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            McpLog.ConnectionLost(_logger, Name, ex);
        }
    }
}
