using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// CPU time of another process (the server that <c>load --url</c> drives), from <c>/proc/PID/stat</c>
/// (user + system, in clock ticks of 10 ms, Linux's USER_HZ of 100): with <c>--server-pid</c> each level
/// reports the server's own CPU per request beside the load process's, which with <c>--url</c> is the
/// client's alone. Null where the file cannot be read (another OS, the process gone).
/// </summary>
internal static class ServerProcessCpu
{
    private const double SecondsPerTick = 0.01;

    public static TimeSpan? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks * SecondsPerTick);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
