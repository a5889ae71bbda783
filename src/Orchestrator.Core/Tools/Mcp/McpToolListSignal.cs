using System.Threading.Channels;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// "This server's tools may have changed", coalesced: any number of raises before the reader wakes
/// are one wake-up, so a server that sends <c>notifications/tools/list_changed</c> in a tight loop
/// costs one flag write per notification, never a queued task or a list request each.
/// </summary>
internal sealed class McpToolListSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _relist;

    /// <summary>Notes a change: <paramref name="relist"/> when the server said so (its list must be read again), false when a reconnect already read it.</summary>
    public void Raise(bool relist)
    {
        if (relist)
        {
            Volatile.Write(ref _relist, 1);
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits for the next raise; false once <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Drops raises that came while the reader was waiting out the debounce delay; they are part of the change it is about to read.</summary>
    public void Drain() => _wake.Reader.TryRead(out _);

    /// <summary>Whether the list must be read again, clearing the flag.</summary>
    public bool TakeRelist() => Interlocked.Exchange(ref _relist, 0) == 1;
}
