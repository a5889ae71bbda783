using System.Globalization;
using Orchestrator.Cli.Evaluation;

namespace Orchestrator.Benchmarks;

/// <summary>The <c>--train/--test/--test-split/--holdout/--split-seed/--router-cache</c> arguments the routing runs share, read as <c>eval routing</c> reads them.</summary>
internal static class RoutingRunArgs
{
    public static string? Value(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public static RoutingEvalRequest Request(string[] args) => new()
    {
        TrainPath = Path.GetFullPath(Value(args, "--train") ?? throw new ArgumentException("--train is required")),
        TestPath = Path.GetFullPath(Value(args, "--test") ?? throw new ArgumentException("--test is required")),
        TestSplit = Value(args, "--test-split"),
        Holdout = Value(args, "--holdout") is { } h ? double.Parse(h, CultureInfo.InvariantCulture) : null,
        SplitSeed = Value(args, "--split-seed") is { } seed ? int.Parse(seed, CultureInfo.InvariantCulture) : 42,
        CacheDirectory = Value(args, "--router-cache"),
    };
}
