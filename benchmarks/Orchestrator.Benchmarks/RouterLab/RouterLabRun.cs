namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>router-lab embed|... --train F --test F [--test-split val | --holdout 0.2] --vectors FILE</c>:
/// router experiments on cached MiniLM vectors (see <see cref="VectorFile"/>).
/// </summary>
internal static class RouterLabRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "embed";
        var vectorPath = RoutingRunArgs.Value(args, "--vectors") ?? throw new ArgumentException("--vectors is required");
        var data = await LabData.LoadAsync(args, vectorPath, embedMissing: mode == "embed").ConfigureAwait(false);
        Console.Error.WriteLine($"{data.Train.Count} train rows, {data.Test.Count} test rows, {data.Vectors.Count} vectors");
        return mode switch
        {
            "embed" => 0,
            _ => await LabExperiments.RunAsync(mode, args, data).ConfigureAwait(false),
        };
    }
}
