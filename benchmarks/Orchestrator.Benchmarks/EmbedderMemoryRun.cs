using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Orchestrator.Models;
using Orchestrator.Models.Quantization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>embedder-memory [--quantization none|int8] [--arena on|off] [--batches N] [--batch-size 32] [--threads 2] [--shrink-above CELLS|never]</c>:
/// where one MiniLM encoder's memory goes, in a fresh process (run each variant in its own: freed
/// native memory stays in the C allocator's arenas, so a second variant in the same process would
/// inherit the first one's). Memory is taken at start, after the encoder is built, after a full
/// collection, and after encoding; each line is <see cref="MemorySnapshot"/>.
/// </summary>
internal static class EmbedderMemoryRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var quantization = Value("--quantization") == "int8" ? MiniLmQuantization.Int8 : MiniLmQuantization.None;
        var arena = Value("--arena") != "off";
        var batches = int.Parse(Value("--batches") ?? "200", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(Value("--batch-size") ?? "32", CultureInfo.InvariantCulture);
        var threads = int.Parse(Value("--threads") ?? "2", CultureInfo.InvariantCulture);
        var steps = new List<object> { Step("start") };

        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1, EnableCpuMemArena = arena };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var encoder = MiniLmOnnxEncoder.Create(quantization, options);
        if (Value("--shrink-above") is { } cells)
        {
            encoder.ArenaShrinkAboveCells = cells == "never" ? long.MaxValue : long.Parse(cells, CultureInfo.InvariantCulture);
        }

        steps.Add(Step("encoder built"));
        FullCollection();
        steps.Add(Step("encoder built, after a full collection"));

        // Question-length and passage-length texts, as the service embeds them.
        var texts = Enumerable.Range(0, batchSize).Select(i => i % 4 == 0
            ? string.Join(' ', Enumerable.Repeat($"Employees accrue vacation days monthly and part-time staff in year {i} accrue them pro rata;", 6))
            : $"How many vacation days do I get in year {i} if I work part time?").ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            while (Interlocked.Increment(ref next) < batches)
            {
                encoder.Encode(texts, CancellationToken.None);
            }
        }))).ConfigureAwait(false);
        steps.Add(Step($"after {batches} batches of {batchSize} on {threads} threads"));
        FullCollection();
        steps.Add(Step("after a full collection"));
        Console.WriteLine(JsonSerializer.Serialize(new { quantization = quantization.ToString(), cpu_arena = arena, arena_shrink_above_cells = encoder.ArenaShrinkAboveCells, steps }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static object Step(string name) => new { step = name, memory = MemorySnapshot.Take().ToReport() };

    private static void FullCollection() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
