using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.Mcp;

/// <summary>Following a connected server's tool list while it runs: notifications, reconnects and, for servers that never announce, polling.</summary>
public sealed partial class McpToolSource
{
    /// <summary>Makes the registry hold the connection's current tool list; logs what changed and why tools were skipped.</summary>
    private void Apply(McpServerConnection connection, bool initial)
    {
        var (skipped, change) = McpToolRegistration.Register(connection, _registry);
        foreach (var warning in connection.Skipped.Concat(skipped))
        {
            Warn(warning);
        }

        if (!initial && change.Any && _logger.IsEnabled(LogLevel.Information))
        {
            var (added, updated, removed) = (Names(change.Added), Names(change.Updated), Names(change.Removed));
            McpLog.ToolsChanged(_logger, connection.Name, added, updated, removed);
        }
    }

    private static string Names(List<string> names) =>
        names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $" and {names.Count - 20} more";

    /// <summary>
    /// For a server that does not announce changes (no <c>tools.listChanged</c>; checked on each round,
    /// as a reconnect may reach another server version): asks for a re-read every
    /// <see cref="McpConnectOptions.ToolListPollInterval"/>, through the same debounced follower.
    /// </summary>
    private async Task PollToolListAsync(McpServerConnection connection, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var wait = Task.Delay(_options.ToolListPollInterval, _options.TimeProvider, stop);
                Interlocked.Increment(ref _toolListPolls);
                await wait.ConfigureAwait(false);
                if (!connection.AnnouncesToolListChanges)
                {
                    connection.ToolListSignal.Raise(relist: true);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// Waits for the connection's tool list to change (a notification, a reconnect), lets it settle for
    /// <see cref="McpConnectOptions.ToolListRefreshDelay"/>, reads it again when the server announced the
    /// change, and applies it; one round at a time, until the source is disposed.
    /// </summary>
    private async Task FollowToolListAsync(McpServerConnection connection, CancellationToken stop)
    {
        var signal = connection.ToolListSignal;
        while (await signal.WaitAsync(stop).ConfigureAwait(false))
        {
            try
            {
                if (_options.ToolListRefreshDelay > TimeSpan.Zero)
                {
                    var settle = Task.Delay(_options.ToolListRefreshDelay, _options.TimeProvider, stop);
                    Interlocked.Increment(ref _toolListSettles);
                    await settle.ConfigureAwait(false);
                }

                signal.Drain();
                if (signal.TakeRelist() && !await connection.RelistAsync(stop).ConfigureAwait(false))
                {
                    continue;
                }

                Apply(connection, initial: false);
                Interlocked.Increment(ref _toolListUpdates);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Nothing awaits this loop but DisposeAsync: one failed round is logged and the next change is followed again.
                McpLog.RefreshFailed(_logger, connection.Name, ex);
            }
        }
    }
}
