using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Benchmarks;

/// <summary>
/// A throwaway redis-server on a free loopback port (no persistence) for the <c>load --cache-redis</c>
/// levels, named to the service through <see cref="Variable"/>; null from <see cref="TryStartAsync"/>
/// when redis-server is not installed, so the run skips those levels and says why.
/// </summary>
internal sealed class BenchmarkRedis : IAsyncDisposable
{
    public const string Variable = "ORCHESTRATOR_BENCH_REDIS";

    private readonly Process _process;

    private BenchmarkRedis(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The YAML that points the service's <c>state:</c> (and so the answer cache) at this server.</summary>
    public static string StateYaml => $"\nstate:\n  provider: redis\n  connection_env: {Variable}\n";

    public static async Task<BenchmarkRedis?> TryStartAsync()
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);
        if (executable is null)
        {
            return null;
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 500 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                Environment.SetEnvironmentVariable(Variable, $"127.0.0.1:{port}");
                return new BenchmarkRedis(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }

        process.Dispose();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
