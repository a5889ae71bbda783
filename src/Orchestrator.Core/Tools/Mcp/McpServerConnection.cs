using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
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
/// <para>
/// The tool list can change while the server runs: on <c>notifications/tools/list_changed</c> and after
/// every reconnect the list is read again (<see cref="McpToolSource"/> then updates the registry). A
/// tool the server ever listed without <c>readOnlyHint</c> counts as one that may change things for
/// the life of the connection, so a server cannot make a call retried by declaring it read-only later.
/// </para>
/// </remarks>
public sealed class McpServerConnection : IAsyncDisposable
{
    /// <summary>Pages of tools/list read at most; a server that keeps paging is cut off there.</summary>
    public const int MaxPages = 20;

    /// <summary>Tools used per server; a server that lists more is cut off there (with a warning).</summary>
    public const int MaxTools = 256;

    /// <summary>Longest tool description kept, in characters; a longer one is cut (it is sent with every prompt that offers the tool).</summary>
    public const int MaxDescriptionLength = 2_000;

    /// <summary>Longest inputSchema accepted, in characters of JSON; a tool with a longer one is skipped.</summary>
    public const int MaxSchemaLength = 32_768;

    /// <summary>The protocol revision from which notifications need a <c>subscriptions/listen</c> request.</summary>
    private const string ListenSince = "2026-07-28";

    private readonly McpConnectOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _mayChangeThings = new(StringComparer.Ordinal);
    private McpClient _client;
    private McpClient? _lostClient;
    private long? _reconnectFailedAt;
    private Listing _listing = new([], []);

    private McpServerConnection(McpServerConfig config, McpConnectOptions options, McpClient client, ILogger logger, McpToolListSignal signal)
    {
        Config = config;
        _options = options;
        _client = client;
        _logger = logger;
        ToolListSignal = signal;
    }

    public McpServerConfig Config { get; }

    public string Name => Config.Name;

    /// <summary>The tools of the current connection (read again after a reconnect and when the server says its list changed).</summary>
    public IReadOnlyList<McpListedTool> Tools => Volatile.Read(ref _listing).Tools;

    /// <summary>Tools the server listed that cannot be used, each with the reason.</summary>
    public IReadOnlyList<string> Skipped => Volatile.Read(ref _listing).Skipped;

    /// <summary>Whether the current connection's server declared <c>tools.listChanged</c>, i.e. that it announces changes to its tool list.</summary>
    public bool AnnouncesToolListChanges => Volatile.Read(ref _client).ServerCapabilities?.Tools?.ListChanged == true;

    /// <summary>Raised when the tool list may have changed: the server's notification, or a reconnect that read it again.</summary>
    internal McpToolListSignal ToolListSignal { get; }

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
        var signal = new McpToolListSignal();
        var (client, tools, skipped) = await OpenAsync(config, options, logger, signal, cancellationToken).ConfigureAwait(false);
        var connection = new McpServerConnection(config, options, client, logger, signal);
        connection.SetListing(tools, skipped);
        connection.ListenForToolListChanges(client);
        return connection;
    }

    /// <summary>Whether the server ever listed <paramref name="mcpName"/> without <c>readOnlyHint</c> on this connection.</summary>
    public bool MayChangeThings(string mcpName) => _mayChangeThings.ContainsKey(mcpName);

    /// <summary>
    /// Reads the tool list again on the current connection (after <c>notifications/tools/list_changed</c>).
    /// False, keeping the list it had, when the connection is lost (the reconnect reads it) or the server
    /// does not answer within its timeout or answers nonsense.
    /// </summary>
    internal async Task<bool> RelistAsync(CancellationToken cancellationToken)
    {
        await _reconnectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = _client;
            if (IsLost(client))
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Config.TimeoutSeconds));
            try
            {
                var (tools, skipped) = await McpToolList.ReadAsync(client, Name, timeout.Token).ConfigureAwait(false);
                SetListing(tools, skipped);
                return true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                McpLog.RelistFailed(_logger, Name, McpFailureText.Operator(ex, Config, "reading its tool list"), ex);
                return false;
            }
        }
        finally
        {
            _reconnectGate.Release();
        }
    }

    /// <summary>Calls one tool with already-validated arguments; an error result becomes a <see cref="ToolArgumentException"/> carrying the server's text.</summary>
    public async Task<string> CallAsync(string mcpName, JsonElement arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : [];
        var client = await UsableClientAsync(cancellationToken).ConfigureAwait(false);
        if (!Tools.Any(t => string.Equals(t.McpName, mcpName, StringComparison.Ordinal)))
        {
            // A caller that picked the tool before the server dropped it from its list.
            throw new ToolUnavailableException($"MCP server '{Name}' no longer offers the tool '{mcpName}'");
        }

        try
        {
            return await McpToolCall.RunAsync(client, Config, mcpName, values, _options.TimeProvider, _logger, cancellationToken).ConfigureAwait(false);
        }
        catch (McpConnectionLostException lost)
        {
            MarkLost(client, lost.InnerException ?? lost);
            if (MayChangeThings(mcpName) || !Tools.Any(t => t.ReadOnly && string.Equals(t.McpName, mcpName, StringComparison.Ordinal)))
            {
                throw new ToolUnavailableException(
                    $"MCP server '{Name}' could not run '{mcpName}': the connection was lost during the call, and it was not retried because the tool may change things; the next call reconnects",
                    lost.InnerException ?? lost);
            }
        }

        client = await UsableClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await McpToolCall.RunAsync(client, Config, mcpName, values, _options.TimeProvider, _logger, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// One connection attempt, run on the thread pool and awaited for <c>timeout_seconds</c> at most. The attempt can
    /// block its thread for good, so the caller must not be that thread: on Linux, the SDK's first write to a stdio
    /// server's stdin races with the pipe's disposal when the server exits at once, and the runtime then spins in
    /// <c>Socket.Dispose</c> forever (<c>SafePipeHandle.CreatePipeSocket</c>; seen as a hung test host). Cancellation
    /// cannot reach a blocked thread; this way the caller gets "unavailable" and a late client is closed.
    /// </summary>
    private static async Task<(McpClient Client, IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> OpenAsync(
        McpServerConfig config, McpConnectOptions options, ILogger logger, McpToolListSignal signal, CancellationToken cancellationToken)
    {
        var attempt = Task.Run(() => OpenOnceAsync(config, options, logger, signal, cancellationToken), CancellationToken.None);
        try
        {
            // A little over the attempt's own timeout, so an attempt that is not stuck reports its own, more precise failure.
            return await attempt.WaitAsync(TimeSpan.FromSeconds(config.TimeoutSeconds + 1), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !attempt.IsCompleted))
        {
            CloseWhenDone(attempt);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new ToolUnavailableException($"MCP server '{config.Name}' is unavailable: {McpFailureText.Operator(ex, config, "connecting")}", ex);
        }
    }

    private static void CloseWhenDone(Task<(McpClient Client, IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> attempt) =>
        _ = attempt.ContinueWith(
            static done => done.IsCompletedSuccessfully ? done.Result.Client.DisposeAsync().AsTask() : Task.CompletedTask,
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default).Unwrap();

    private static async Task<(McpClient Client, IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped)> OpenOnceAsync(
        McpServerConfig config, McpConnectOptions options, ILogger logger, McpToolListSignal signal, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(config.TimeoutSeconds));
        McpClient? client = null;
        try
        {
            var transport = McpTransports.Create(config, options, logger);
            client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions
                {
                    InitializationTimeout = TimeSpan.FromSeconds(config.TimeoutSeconds),

                    // Registered with the client, so a notification sent right after the handshake is not missed; the handler only raises a flag.
                    Handlers = new McpClientHandlers
                    {
                        NotificationHandlers =
                        [
                            new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                            {
                                signal.Raise(relist: true);
                                return ValueTask.CompletedTask;
                            }),

                            // The subscriptions/listen request (below) is in place only once acknowledged: a change between the
                            // first tools/list and then was announced to nobody, so the list is read once more.
                            new(NotificationMethods.SubscriptionsAcknowledgedNotification, (_, _) =>
                            {
                                signal.Raise(relist: true);
                                return ValueTask.CompletedTask;
                            }),
                        ],
                    },
                },
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

    /// <summary>
    /// Since protocol revision 2026-07-28 a server sends <c>notifications/tools/list_changed</c> only on a
    /// <c>subscriptions/listen</c> request the client holds open (before it, on the session: the stdio
    /// stream, the HTTP GET stream). The request lives as long as the client: disposing it ends the request.
    /// </summary>
    private void ListenForToolListChanges(McpClient client)
    {
        if (string.CompareOrdinal(client.NegotiatedProtocolVersion, ListenSince) >= 0)
        {
            _ = ListenAsync(client);
        }
    }

    private async Task ListenAsync(McpClient client)
    {
        var request = new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = JsonSerializer.SerializeToNode(
                new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ToolsListChanged = true } },
                ModelContextProtocol.McpJsonUtilities.DefaultOptions),
        };
        try
        {
            await client.SendRequestAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Ends with the client (disposed, lost) or because the server refused it; either way tool changes then come with the next reconnect.
            McpLog.ListenEnded(_logger, Name, ex.Message);
        }
    }

    private void SetListing(IReadOnlyList<McpListedTool> tools, IReadOnlyList<string> skipped)
    {
        foreach (var tool in tools.Where(t => !t.ReadOnly))
        {
            _mayChangeThings.TryAdd(tool.McpName, 0);
        }

        Volatile.Write(ref _listing, new Listing(tools, skipped));
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
                (fresh, var tools, var skipped) = await OpenAsync(Config, _options, _logger, ToolListSignal, cancellationToken).ConfigureAwait(false);
                SetListing(tools, skipped);
            }
            catch (ToolUnavailableException ex)
            {
                _reconnectFailedAt = _options.TimeProvider.GetTimestamp();
                McpLog.ReconnectFailed(_logger, Name, ex.Message, ex.InnerException);
                throw new ToolUnavailableException($"MCP server '{Name}' is unavailable: its connection was lost and reconnecting failed (the operator log has the details)", ex);
            }

            _reconnectFailedAt = null;
            Volatile.Write(ref _client, fresh);
            ListenForToolListChanges(fresh);
            Reconnects++;
            McpLog.Reconnected(_logger, Name, Tools.Count);
            ToolListSignal.Raise(relist: false);
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

    /// <summary>One reading of the tool list; replaced whole so readers never see one list's tools with another's skip reasons.</summary>
    private sealed record Listing(IReadOnlyList<McpListedTool> Tools, IReadOnlyList<string> Skipped);
}
