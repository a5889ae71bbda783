using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A loopback port that refuses connections for as long as this lives: a socket bound to it that never
/// listens. A port bound, read and released instead could be handed to a server that a test running
/// beside this one starts, and "unreachable" would then reach that server; while this socket holds the
/// port the OS gives it to no one else.
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
