using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port in a temporary folder, with append-only
/// persistence so a restart keeps its data, as a production server should be run. Tests that use it
/// are <see cref="RedisFactAttribute"/>s, skipped with a message when redis-server is not installed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The redis-server executable on PATH, or null.</summary>
    public static string? Executable { get; } = FindExecutable();

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A loopback port nothing listens on, for "unreachable at start-up".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server (as a crash would) without removing its data.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and data folder.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _dir.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("redis-server is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir.Path, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 500; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(10);
            }
        }

        throw new InvalidOperationException($"redis-server did not start on port {Port}");
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
