using System.Threading.Channels;

namespace Orchestrator.Tests.Tools.Mcp;

/// <summary>
/// What a test changes in a running <see cref="RawMcpServer"/>: the tools/list answer, and
/// notifications pushed to the client over the streamable HTTP GET stream (as a real server announces
/// <c>notifications/tools/list_changed</c>). Counts the tools/list requests that reached it.
/// </summary>
internal sealed class RawMcpServerState(string toolsList)
{
    private readonly Channel<string> _notifications = Channel.CreateUnbounded<string>();
    private string _toolsList = toolsList;
    private int _lists;
    private int _streams;

    public string ToolsList
    {
        get => Volatile.Read(ref _toolsList);
        set => Volatile.Write(ref _toolsList, value);
    }

    /// <summary>tools/list requests answered so far.</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>GET streams the client opened so far.</summary>
    public int Streams => Volatile.Read(ref _streams);

    public ChannelReader<string> Notifications => _notifications.Reader;

    /// <summary>Queues <paramref name="times"/> list_changed notifications; the client's GET stream delivers them.</summary>
    public void AnnounceToolListChanged(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _notifications.Writer.TryWrite("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}""");
        }
    }

    public void CountList() => Interlocked.Increment(ref _lists);

    public void CountStream() => Interlocked.Increment(ref _streams);
}
