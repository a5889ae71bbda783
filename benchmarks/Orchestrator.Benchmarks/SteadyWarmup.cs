using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>load --until-steady [SECONDS]</c>: after the fixed <c>--warmup</c>, keeps running rounds of
/// <see cref="RoundRequests"/> requests, at concurrency 1, 16 and 64 in turn (the levels' code paths
/// differ: batched embeddings, queueing), until <see cref="QuietRounds"/> rounds in a row each compile
/// at most <see cref="SettledMethods"/> methods (the JIT, and with tiered compilation its background
/// re-compilation at tier 1, has settled) or SECONDS (default 120) have passed. One quiet round at a
/// single concurrency was not enough: the levels after it still compiled hundreds of methods. With .NET's default
/// tiering a service needs thousands of requests before its hot code is optimized (docs/benchmarks.md,
/// perf17 "Finding 1"), so a fixed warm-up of 100 measures start-up, not the steady state; this
/// makes the levels measure the steady state whatever the runtime settings, and says how long it took.
/// </summary>
internal static class SteadyWarmup
{
    public const int RoundRequests = 64;
    private const int SettledMethods = 2;
    private const int QuietRounds = 3;
    private static readonly int[] Concurrency = [1, 16, 64];
    private const int DefaultSeconds = 120;

    public static int SecondsFrom(string[] args)
    {
        var at = Array.IndexOf(args, "--until-steady");
        if (at < 0)
        {
            return 0;
        }

        return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : DefaultSeconds;
    }

    public static async Task<Result> RunAsync(Func<int, Task> round, int maxSeconds)
    {
        var wall = Stopwatch.StartNew();
        var rounds = 0;
        var quiet = 0;
        long lastRound;
        do
        {
            var before = JitSnapshot.Take();
            await round(Concurrency[rounds % Concurrency.Length]).ConfigureAwait(false);
            lastRound = (JitSnapshot.Take() - before).Methods;
            quiet = lastRound <= SettledMethods ? quiet + 1 : 0;
            rounds++;
        }
        while (quiet < QuietRounds && wall.Elapsed.TotalSeconds < maxSeconds);

        var result = new Result(rounds * RoundRequests, wall.Elapsed.TotalSeconds, lastRound, quiet >= QuietRounds);
        await Console.Error.WriteLineAsync($"steady warm-up: {result.Requests} requests in {result.Seconds:F1} s, {lastRound} methods compiled in the last round, settled: {result.Settled}").ConfigureAwait(false);
        return result;
    }

    public sealed record Result(int Requests, double Seconds, long MethodsCompiledLastRound, bool Settled)
    {
        public object ToReport() => new
        {
            requests = Requests,
            seconds = Math.Round(Seconds, 1),
            methods_compiled_last_round = MethodsCompiledLastRound,
            settled = Settled,
        };
    }
}
