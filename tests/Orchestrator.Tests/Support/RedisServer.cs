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

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The redis-server executable on PATH, or null.</summary>
    public static string? Executable { get; } = FindExecutable();

    public static Task<RedisServer> StartAsync() => StartAsync(FreePort());

    /// <summary>Starts on <paramref name="firstPort"/>, or on a fresh free port when that one is taken.</summary>
    internal static async Task<RedisServer> StartAsync(int firstPort)
    {
        var server = new RedisServer(firstPort);
        try
        {
            // FreePort releases the port before redis-server binds it, and tests running beside this one
            // bind ports too: when another took it first, redis-server exits and a fresh port is tried.
            for (var attempt = 1; !await server.StartProcessAsync(); attempt++)
            {
                if (attempt == 5)
                {
                    throw new InvalidOperationException($"redis-server did not start on any of 5 free ports (last {server.Port})");
                }

                server.Port = FreePort();
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A loopback port free a moment ago, for redis-server to bind (see <see cref="ClosedPort"/> for one that must stay unreachable).</summary>
    private static int FreePort()
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
    public async Task RestartAsync()
    {
        if (!await StartProcessAsync())
        {
            throw new InvalidOperationException($"redis-server did not start again on port {Port}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _dir.Dispose();
    }

    /// <summary>
    /// Starts redis-server and waits for its "Ready to accept connections" line (after it has bound the
    /// port and loaded its data); false when it exited instead, as it does when the port is taken.
    /// A connection probe is not enough: it also succeeds when another test's server holds the port.
    /// </summary>
    private async Task<bool> StartProcessAsync()
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

        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                ready.TrySetResult(false); // end of output: the server exited
            }
            else if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult(true);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Only bounds a hang: a loaded machine may take seconds to start a process.
        if (await ready.Task.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            return true;
        }

        await StopAsync();
        return false;
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
