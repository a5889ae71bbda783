using BenchmarkDotNet.Running;
using Orchestrator.Benchmarks;

// Named runs are measurement harnesses that print a JSON report (figures in docs/benchmarks.md);
// anything else goes to BenchmarkDotNet's switcher (micro-benchmarks).
var runs = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["faults"] = FaultsRun.RunAsync,
    ["leaks"] = LeaksRun.RunAsync,
    ["id-runs"] = IdRunsRun.RunAsync,
    ["load"] = LoadRun.RunAsync,
    ["embedder-memory"] = EmbedderMemoryRun.RunAsync,
    ["tool-fit"] = ToolFitRun.RunAsync,
    ["replicas"] = ReplicasRun.RunAsync,
    ["cache-calibration"] = CacheCalibrationRun.RunAsync,
    ["embedder"] = EmbedderRun.RunAsync,
    ["scale"] = ScaleRun.RunAsync,
    ["groundedness"] = GroundednessRun.RunAsync,
    ["routing-breakdown"] = RoutingBreakdownRun.RunAsync,
    ["router-encoders"] = EncoderComparisonRun.RunAsync,
    ["guardian-encoders"] = Orchestrator.Benchmarks.GuardianLab.GuardianEncodersRun.RunAsync,
    ["guardian-explain"] = Orchestrator.Benchmarks.GuardianLab.GuardianExplainRun.RunAsync,
    ["guardian-loso"] = Orchestrator.Benchmarks.GuardianLab.GuardianLosoRun.RunAsync,
    ["guardian-passages"] = Orchestrator.Benchmarks.GuardianLab.GuardianPassagesRun.RunAsync,
    ["guardian-windows"] = Orchestrator.Benchmarks.GuardianLab.GuardianWindowsRun.RunAsync,
    ["input-rail-context"] = Orchestrator.Benchmarks.GuardianLab.InputRailContextRun.RunAsync,
    ["follow-up-pairs"] = FollowUpPairsRun.RunAsync,
    ["router-lab"] = Orchestrator.Benchmarks.RouterLab.RouterLabRun.RunAsync,
    ["embedder-probe"] = EmbedderProbeRun.RunAsync,
    ["embedder-batch-cost"] = EmbedderBatchCostRun.RunAsync,
};

if (args.Length > 0 && runs.TryGetValue(args[0], out var run))
{
    return await run(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] is "--help" or "-h" or "list")
{
    Console.WriteLine($"named runs: {string.Join(", ", runs.Keys)}; anything else is passed to BenchmarkDotNet");
    return 0;
}

// `micro --filter '*'` (or any BenchmarkDotNet arguments) runs the hot-path micro-benchmarks.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkMarker).Assembly).Run(args.Length > 0 && args[0] == "micro" ? args[1..] : args);
return 0;
