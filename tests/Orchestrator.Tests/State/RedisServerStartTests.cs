using System.Net;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.State;

/// <summary>
/// The test Redis server starts on a port that is free a moment before redis-server binds it; tests
/// running beside it bind ports too. A port taken meanwhile must not pass for a started Redis.
/// </summary>
public sealed class RedisServerStartTests
{
    [RedisFact]
    public async Task A_port_taken_before_redis_binds_it_is_left_for_a_fresh_one()
    {
        // Another test's server on the port first chosen, as when it took the port in the moment between.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;

        await using var redis = await RedisServer.StartAsync(taken);

        Assert.NotEqual(taken, redis.Port);
        Assert.Equal("+PONG", await PingAsync(redis.Port));
    }

    private static async Task<string> PingAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }
}
